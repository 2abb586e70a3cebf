package io.backtest.audit.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.mapping.EventSummaries;
import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.EventType;
import io.backtest.contracts.MalformedEventException;
import io.backtest.support.messaging.CloudEventContext;
import io.backtest.support.messaging.CloudEventHeaders;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * Decides whether the audit log accepts a Kafka record of any topic, on top of the CloudEvents
 * attributes {@link CloudEventHeaders} reads (binary mode: no {@code ce_specversion}, a missing
 * {@code ce_id}/{@code ce_source}/{@code ce_type}, an id that is not a UUID or an unparseable
 * {@code ce_time} are malformed already there).
 *
 * <ul>
 *   <li>Malformed, and so dead-lettered, besides: a value that is not one JSON object (duplicate
 *       member names, non-finite numbers and lone surrogates included, which RFC 8785 cannot
 *       canonicalise), or a U+0000 character in the value or an attribute, which PostgreSQL cannot
 *       store.
 *   <li>A type of {@link EventCatalog} must travel on its topic, carry a subject and a correlation
 *       id, and its payload must satisfy its record ({@link EventJson#read}); it gets its own
 *       summary.
 *   <li>Any other type is accepted as received, with a generic summary.
 * </ul>
 */
public final class CloudEventRecordReader {
  private final String topicPrefix;

  /**
   * @param topicPrefix the environment's topic prefix, removed to get the logical topic
   */
  public CloudEventRecordReader(String topicPrefix) {
    this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
  }

  /**
   * Reads one record.
   *
   * @throws MalformedEventException when the record can never be accepted
   */
  public ReceivedEvent read(
      String physicalTopic, int partition, long offset, Headers headers, String value) {
    if (!physicalTopic.startsWith(topicPrefix)) {
      throw new MalformedEventException(
          "topic " + physicalTopic + " is outside this environment's prefix " + topicPrefix);
    }
    String topic = physicalTopic.substring(topicPrefix.length());
    CloudEventContext ce = CloudEventHeaders.read(headers);
    storable(CloudEventAttributes.HEADER_TYPE, ce.type());
    storable(CloudEventAttributes.HEADER_SOURCE, ce.source());
    storable(CloudEventAttributes.HEADER_SUBJECT, ce.subject());
    storable(CloudEventAttributes.HEADER_CORRELATION_ID, ce.correlationId());
    storable(CloudEventAttributes.HEADER_CAUSATION_ID, ce.causationId());
    ObjectNode payload = payload(value);

    Optional<EventType<?>> known = EventCatalog.byType(ce.type());
    String summary;
    if (known.isPresent()) {
      EventType<?> eventType = known.get();
      if (!eventType.topic().equals(topic)) {
        throw new MalformedEventException(
            "type " + ce.type() + " belongs on " + eventType.topic() + " but arrived on " + topic);
      }
      if (ce.subject() == null) {
        throw new MalformedEventException("ce_subject is missing");
      }
      if (ce.correlationId() == null) {
        throw new MalformedEventException("ce_correlationid is missing");
      }
      summary = EventSummaries.of(EventJson.read(value, eventType.payload()));
    } else {
      summary = EventSummaries.unknown(ce.type(), ce.source(), ce.subject());
    }
    return new ReceivedEvent(
        ce.id(),
        ce.type(),
        ce.source(),
        ce.subject(),
        ce.correlationId(),
        ce.causationId(),
        microseconds(ce.time()),
        topic,
        partition,
        offset,
        payload,
        summary);
  }

  /** The database's precision, so that the hashed time is the stored one. */
  private static Instant microseconds(Instant time) {
    return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
  }

  /** PostgreSQL text cannot store U+0000, so a record carrying one could never be recorded. */
  private static void storable(String header, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw new MalformedEventException(header + " contains the character U+0000");
    }
  }

  private static ObjectNode payload(String value) {
    if (value == null) {
      throw new MalformedEventException("record has no value");
    }
    JsonNode json;
    try {
      json = CanonicalJson.parse(value);
      // fails on what RFC 8785 cannot represent: non-finite numbers, lone surrogates
      CanonicalJson.canonicalize(json);
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("payload is not valid JSON: " + e.getMessage(), e);
    }
    if (!(json instanceof ObjectNode object)) {
      throw new MalformedEventException(
          "payload is not a JSON object but " + json.getNodeType().name().toLowerCase());
    }
    if (containsNul(object)) {
      throw new MalformedEventException(
          "payload contains the character U+0000, which PostgreSQL jsonb cannot store");
    }
    return object;
  }

  private static boolean containsNul(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().indexOf('\0') >= 0;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().indexOf('\0') >= 0 || containsNul(field.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (containsNul(element)) {
          return true;
        }
      }
    }
    return false;
  }
}

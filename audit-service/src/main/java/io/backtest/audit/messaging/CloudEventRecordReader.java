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
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a Kafka record of any topic as a CloudEvent in binary mode (CloudEvents Kafka protocol
 * binding 1.0, section 3.2: one {@code ce_<attribute>} header per attribute, the data as the value)
 * and decides whether the audit log accepts it.
 *
 * <ul>
 *   <li>Malformed, and so dead-lettered: no {@code ce_specversion} (no CloudEvents headers), a
 *       missing {@code ce_id}/{@code ce_source}/{@code ce_type}, an id that is not a UUID, an
 *       unparseable {@code ce_time}, a value that is not one JSON object (duplicate member names,
 *       non-finite numbers and lone surrogates included, which RFC 8785 cannot canonicalise), or a
 *       U+0000 character anywhere, which PostgreSQL cannot store.
 *   <li>A type of {@link EventCatalog} must travel on its topic, carry a subject and a correlation
 *       id, and its payload must satisfy its record ({@link EventJson#read}); it gets its own
 *       summary.
 *   <li>Any other type is accepted as received, with a generic summary.
 * </ul>
 */
public final class CloudEventRecordReader {
  private static final String SPEC_VERSION = CloudEventAttributes.SPEC_VERSION;

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
    String specVersion = header(headers, CloudEventAttributes.HEADER_SPEC_VERSION);
    if (specVersion == null) {
      throw new MalformedEventException(
          "record carries no CloudEvents headers (ce_specversion is missing)");
    }
    if (!SPEC_VERSION.equals(specVersion)) {
      throw new MalformedEventException(
          "ce_specversion " + specVersion + " is not supported (expected " + SPEC_VERSION + ")");
    }
    UUID id = eventId(required(headers, CloudEventAttributes.HEADER_ID));
    String source = source(required(headers, CloudEventAttributes.HEADER_SOURCE));
    String type = required(headers, CloudEventAttributes.HEADER_TYPE);
    String subject = header(headers, CloudEventAttributes.HEADER_SUBJECT);
    Instant time = time(header(headers, CloudEventAttributes.HEADER_TIME));
    String correlationId = header(headers, CloudEventAttributes.HEADER_CORRELATION_ID);
    String causationId = header(headers, CloudEventAttributes.HEADER_CAUSATION_ID);
    ObjectNode payload = payload(value);

    Optional<EventType<?>> known = EventCatalog.byType(type);
    String summary;
    if (known.isPresent()) {
      EventType<?> eventType = known.get();
      if (!eventType.topic().equals(topic)) {
        throw new MalformedEventException(
            "type " + type + " belongs on " + eventType.topic() + " but arrived on " + topic);
      }
      if (subject == null) {
        throw new MalformedEventException("ce_subject is missing");
      }
      if (correlationId == null) {
        throw new MalformedEventException("ce_correlationid is missing");
      }
      summary = EventSummaries.of(EventJson.read(value, eventType.payload()));
    } else {
      summary = EventSummaries.unknown(type, source, subject);
    }
    return new ReceivedEvent(
        id,
        type,
        source,
        subject,
        correlationId,
        causationId,
        time,
        topic,
        partition,
        offset,
        payload,
        summary);
  }

  private static UUID eventId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("ce_id is not a UUID: " + id);
    }
  }

  /** CloudEvents 1.0 section 3.1.1: source is a non-empty URI-reference. */
  private static String source(String source) {
    try {
      new URI(source);
      return source;
    } catch (URISyntaxException e) {
      throw new MalformedEventException("ce_source is not a URI-reference: " + source);
    }
  }

  /**
   * CloudEvents 1.0: time is an RFC 3339 timestamp. Kept at microsecond precision, the database's,
   * so that the hashed value is the stored one.
   */
  private static Instant time(String time) {
    if (time == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(time).toInstant().truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw new MalformedEventException("ce_time is not an RFC 3339 timestamp: " + time);
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

  private static String required(Headers headers, String name) {
    String value = header(headers, name);
    if (value == null || value.isBlank()) {
      throw new MalformedEventException(name + " is missing");
    }
    return value;
  }

  /**
   * A header as UTF-8 text (the binding's encoding of attribute values), or null. U+0000 is
   * refused: PostgreSQL text cannot store it, so such a record could never be recorded.
   */
  private static String header(Headers headers, String name) {
    Header header = headers == null ? null : headers.lastHeader(name);
    if (header == null || header.value() == null) {
      return null;
    }
    String value = new String(header.value(), StandardCharsets.UTF_8);
    if (value.indexOf('\0') >= 0) {
      throw new MalformedEventException(name + " contains the character U+0000");
    }
    return value;
  }
}

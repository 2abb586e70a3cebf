package io.backtest.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the audit log without its own hash: everything that {@link HashChain} hashes.
 *
 * <p>Its canonical JSON (RFC 8785) has exactly these members: {@code seq}, {@code eventId}, {@code
 * type}, {@code source}, {@code subject}, {@code correlationId}, {@code causationId}, {@code
 * eventTime}, {@code ingestedAt}, {@code topic}, {@code partition}, {@code offset}, {@code
 * payload}, {@code summary} and {@code prevHash}. Times are ISO-8601 UTC instants ({@link
 * Instant#toString()}) at microsecond precision, the hash is lowercase hex, absent optional values
 * are {@code null}.
 *
 * @param seq position in the log, 1 for the first entry, gapless
 * @param eventId the event's {@code ce_id}
 * @param type {@code ce_type}
 * @param source {@code ce_source}
 * @param subject {@code ce_subject}; null if the event had none
 * @param correlationId extension {@code correlationid}; null if the event had none
 * @param causationId extension {@code causationid}; null if the event had none
 * @param eventTime {@code ce_time}; null if the event had none
 * @param ingestedAt when the audit log recorded it
 * @param topic logical topic (without the environment prefix)
 * @param partition Kafka partition it was read from
 * @param offset Kafka offset it was read from
 * @param payload the event's data, a JSON object
 * @param summary the decision in one sentence
 * @param prevHash hash of entry {@code seq - 1}; {@link Sha256#ZERO} for the first entry
 */
public record LogEntry(
    long seq,
    UUID eventId,
    String type,
    String source,
    String subject,
    String correlationId,
    String causationId,
    Instant eventTime,
    Instant ingestedAt,
    String topic,
    int partition,
    long offset,
    ObjectNode payload,
    String summary,
    Sha256 prevHash) {

  /** 2^53: integers above it are not exact as JSON numbers (RFC 7493 section 2.2). */
  private static final long MAX_EXACT_INTEGER = 1L << 53;

  public LogEntry {
    if (seq < 1 || seq > MAX_EXACT_INTEGER) {
      throw new IllegalArgumentException("seq must be in 1..2^53 but was " + seq);
    }
    if (offset < 0 || offset > MAX_EXACT_INTEGER) {
      throw new IllegalArgumentException("offset must be in 0..2^53 but was " + offset);
    }
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ingestedAt, "ingestedAt");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(prevHash, "prevHash");
  }

  /** The members that are hashed, as a JSON object (member order is irrelevant: JCS sorts). */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("seq", seq);
    json.put("eventId", eventId.toString());
    json.put("type", type);
    json.put("source", source);
    json.put("subject", subject);
    json.put("correlationId", correlationId);
    json.put("causationId", causationId);
    json.put("eventTime", eventTime == null ? null : eventTime.toString());
    json.put("ingestedAt", ingestedAt.toString());
    json.put("topic", topic);
    json.put("partition", partition);
    json.put("offset", offset);
    json.set("payload", payload);
    json.put("summary", summary);
    json.put("prevHash", prevHash.hex());
    return json;
  }

  /** The RFC 8785 canonical JSON of {@link #toJson()}. */
  public String canonicalJson() {
    return CanonicalJson.canonicalize(toJson());
  }

  /** A payload as a JSON object, for building entries. */
  public static ObjectNode object(JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("payload must be a JSON object");
    }
    return object;
  }
}

package io.backtest.audit.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.rest.AuditEntryView;
import io.backtest.audit.rest.VerificationResult;
import io.backtest.audit.service.AuditLogService.LogVerification;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Between received events, hashed log entries, stored rows and API views. */
public final class AuditEntryMapper {
  private AuditEntryMapper() {}

  /** The entry that records {@code event} at position {@code seq} after {@code prevHash}. */
  public static LogEntry toLogEntry(
      ReceivedEvent event, long seq, Sha256 prevHash, Instant ingestedAt) {
    return new LogEntry(
        seq,
        event.eventId(),
        event.type(),
        event.source(),
        event.subject(),
        event.correlationId(),
        event.causationId(),
        event.eventTime(),
        ingestedAt,
        event.topic(),
        event.partition(),
        event.offset(),
        event.payload(),
        event.summary(),
        prevHash);
  }

  /**
   * The hashed content of a stored row, as stored (so a changed row hashes differently).
   *
   * @throws IllegalArgumentException when the row cannot be read as an entry (a bad payload or
   *     prev_hash)
   */
  public static LogEntry toLogEntry(AuditEntry row) {
    return new LogEntry(
        row.seq,
        row.eventId,
        row.type,
        row.source,
        row.subject,
        row.correlationId,
        row.causationId,
        row.eventTime,
        row.ingestedAt,
        row.topic,
        row.partition,
        row.offset,
        LogEntry.object(CanonicalJson.parse(row.payload)),
        row.summary,
        Sha256.of(row.prevHash));
  }

  /** The row that stores {@code entry} with its hash; the payload in canonical form. */
  public static AuditEntry toRow(LogEntry entry, Sha256 hash) {
    AuditEntry row = new AuditEntry();
    row.seq = entry.seq();
    row.eventId = entry.eventId();
    row.type = entry.type();
    row.source = entry.source();
    row.subject = entry.subject();
    row.correlationId = entry.correlationId();
    row.causationId = entry.causationId();
    row.eventTime = entry.eventTime();
    row.ingestedAt = entry.ingestedAt();
    row.topic = entry.topic();
    row.partition = entry.partition();
    row.offset = entry.offset();
    row.payload = CanonicalJson.canonicalize(entry.payload());
    row.summary = entry.summary();
    row.prevHash = entry.prevHash().bytes();
    row.hash = hash.bytes();
    return row;
  }

  /**
   * New rows as one JSON array whose members are named as {@code audit_entry}'s columns, for
   * PostgreSQL's {@code jsonb_populate_recordset}: times as ISO-8601 (microseconds, as hashed),
   * hashes in bytea's hex form, the payload as the JSON object it is.
   */
  public static String toRecordset(List<AuditEntry> rows) {
    StringWriter out = new StringWriter(rows.size() * 768);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (AuditEntry row : rows) {
        json.writeStartObject();
        json.writeNumberField("seq", row.seq);
        json.writeStringField("event_id", row.eventId.toString());
        json.writeStringField("type", row.type);
        json.writeStringField("source", row.source);
        json.writeStringField("subject", row.subject);
        json.writeStringField("correlation_id", row.correlationId);
        json.writeStringField("causation_id", row.causationId);
        json.writeStringField(
            "event_time", row.eventTime == null ? null : row.eventTime.toString());
        json.writeStringField("ingested_at", row.ingestedAt.toString());
        json.writeStringField("topic", row.topic);
        json.writeNumberField("record_partition", row.partition);
        json.writeNumberField("record_offset", row.offset);
        json.writeFieldName("payload");
        json.writeRawValue(row.payload);
        json.writeStringField("summary", row.summary);
        json.writeStringField("prev_hash", bytea(row.prevHash));
        json.writeStringField("hash", bytea(row.hash));
        json.writeStringField("leaf_hash", row.leafHash == null ? null : bytea(row.leafHash));
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static final JsonFactory JSON = new JsonFactory();

  private static String bytea(byte[] bytes) {
    return "\\x" + HexFormat.of().formatHex(bytes);
  }

  public static AuditEntryView toView(AuditEntry row) {
    return new AuditEntryView(
        row.seq,
        row.eventId,
        row.type,
        row.source,
        row.subject,
        row.correlationId,
        row.causationId,
        row.eventTime,
        row.ingestedAt,
        row.topic,
        row.partition,
        row.offset,
        row.summary,
        CanonicalJson.parse(row.payload),
        Sha256.of(row.prevHash).hex(),
        Sha256.of(row.hash).hex(),
        row.leafHash == null ? null : Sha256.of(row.leafHash).hex());
  }

  public static VerificationResult toResult(LogVerification verification) {
    return verification.valid()
        ? new VerificationResult(
            true,
            verification.treeSize(),
            verification.rootHash().hex(),
            verification.signedHeads(),
            null,
            null,
            null)
        : new VerificationResult(
            false,
            null,
            null,
            null,
            verification.firstInvalidSeq(),
            verification.firstInvalidHead(),
            verification.reason());
  }
}

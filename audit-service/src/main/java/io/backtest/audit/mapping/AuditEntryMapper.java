package io.backtest.audit.mapping;

import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.rest.AuditEntryView;
import io.backtest.audit.rest.VerificationResult;
import io.backtest.audit.service.AuditLogService.LogVerification;
import java.time.Instant;

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

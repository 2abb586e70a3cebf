package io.backtest.audit.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/**
 * One stored entry of the append-only audit log (table {@code audit_entry}; the database rejects
 * updates and deletes, except filling in a missing leaf hash once). See {@link
 * io.backtest.audit.log.LogEntry} for what is hashed. Immutable for Hibernate too: never
 * dirty-checked or updated (a missing leaf hash is filled in by a native statement).
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {
  /** Position in the log, gapless from 1, assigned under the append lock. */
  @Id public Long seq;

  @Column(name = "event_id", nullable = false, unique = true, updatable = false)
  public UUID eventId;

  @Column(nullable = false, updatable = false)
  public String type;

  @Column(nullable = false, updatable = false)
  public String source;

  @Column(updatable = false)
  public String subject;

  @Column(name = "correlation_id", updatable = false)
  public String correlationId;

  @Column(name = "causation_id", updatable = false)
  public String causationId;

  @Column(name = "event_time", updatable = false)
  public Instant eventTime;

  @Column(name = "ingested_at", nullable = false, updatable = false)
  public Instant ingestedAt;

  /** Logical topic, without the environment's prefix. */
  @Column(nullable = false, updatable = false)
  public String topic;

  @Column(name = "record_partition", nullable = false, updatable = false)
  public int partition;

  @Column(name = "record_offset", nullable = false, updatable = false)
  public long offset;

  /**
   * The event's data in RFC 8785 canonical form, stored as {@code jsonb}; read back as text. The
   * inner cast to text keeps the reactive client from binding the string as a JSON string value.
   */
  @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
  @ColumnTransformer(read = "cast(payload as text)", write = "cast(cast(? as text) as jsonb)")
  public String payload;

  @Column(nullable = false, updatable = false)
  public String summary;

  @Column(name = "prev_hash", nullable = false, updatable = false)
  public byte[] prevHash;

  @Column(nullable = false, updatable = false)
  public byte[] hash;

  /**
   * {@code SHA-256(0x00 || leaf)}, the leaf being the same canonical JSON that {@link #hash}
   * covers: the entry's leaf in the log's RFC 9162 Merkle tree (leaf index {@code seq - 1}). Null
   * only for an entry written before the tree existed, until start-up fills it in.
   */
  @Column(name = "leaf_hash", updatable = false)
  public byte[] leafHash;
}

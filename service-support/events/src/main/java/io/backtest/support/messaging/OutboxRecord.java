package io.backtest.support.messaging;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event written in the same transaction as the state change it reports, waiting for the relay to
 * publish it. Deleted once the broker has acknowledged it.
 */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntityBase {
  /** Publication order. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "event_id", nullable = false, unique = true)
  public UUID eventId;

  /** Logical topic; the relay adds the environment's prefix. */
  @Column(nullable = false)
  public String topic;

  @Column(nullable = false)
  public String type;

  @Column(nullable = false)
  public String source;

  @Column(nullable = false)
  public String subject;

  @Column(name = "correlation_id", nullable = false)
  public String correlationId;

  @Column(name = "causation_id")
  public String causationId;

  @Column(name = "event_time", nullable = false)
  public Instant eventTime;

  @Column(nullable = false, columnDefinition = "text")
  public String payload;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}

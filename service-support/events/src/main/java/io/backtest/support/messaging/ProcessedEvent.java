package io.backtest.support.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * An event a consumer has processed, recorded in the same transaction as its effect so that a
 * redelivery changes nothing.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {
  @EmbeddedId public Key key;

  @Column(name = "processed_at", nullable = false)
  public Instant processedAt;

  /** Event id and the consuming channel (one service may consume an event on two channels). */
  @Embeddable
  public record Key(
      @Column(name = "event_id") UUID eventId, @Column(name = "consumer") String consumer)
      implements Serializable {}
}

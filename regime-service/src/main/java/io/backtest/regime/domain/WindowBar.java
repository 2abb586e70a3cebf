package io.backtest.regime.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One bar held in a {@link MarketWindow}; a window holds at most one bar per open time. */
@Entity
@Table(name = "window_bar")
public class WindowBar extends PanacheEntityBase {
  @EmbeddedId public Key id;

  @Column(nullable = false)
  public double open;

  @Column(nullable = false)
  public double high;

  @Column(nullable = false)
  public double low;

  @Column(name = "close", nullable = false)
  public double close;

  @Column(nullable = false)
  public double volume;

  /** The {@code ce_id} of the event that delivered the bar. */
  @Column(name = "event_id", nullable = false)
  public UUID eventId;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  /** Window and the bar's open time: unique, so symbol + timeframe + time is. */
  @Embeddable
  public record Key(
      @Column(name = "window_id") Long windowId, @Column(name = "open_time") Instant openTime)
      implements Serializable {}
}

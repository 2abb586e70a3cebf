package io.backtest.monitoring.domain;

import io.backtest.engine.data.OhlcvBar;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One bar of the market feed as received; {@code seq} orders the rows by arrival. */
@Entity
@Table(name = "market_bar")
public class StoredBar extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(nullable = false)
  public String symbol;

  @Column(nullable = false)
  public String timeframe;

  /** The bar's open time. */
  @Column(nullable = false)
  public Instant time;

  public double open;
  public double high;
  public double low;
  public double close;
  public double volume;

  @Column(name = "event_id", nullable = false)
  public UUID eventId;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  /** The bar as the engine takes it. */
  public OhlcvBar toOhlcv() {
    return new OhlcvBar(time, open, high, low, close, volume);
  }
}

package io.backtest.strategy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A market's current regime by one detector: the latest {@code market.regime.changed} of the
 * symbol, timeframe and detector (by bar time). Written only by {@code
 * MarketRegimeRepository#record}, which keeps the newest.
 */
@Entity
@Table(name = "market_regime")
public class MarketRegime {
  @EmbeddedId public Key key;

  @Column(nullable = false)
  public String regime;

  /** Open time of the bar that confirmed the regime. */
  @Column(name = "bar_time", nullable = false)
  public Instant barTime;

  /** When regime-service recorded the change. */
  @Column(name = "changed_at", nullable = false)
  public Instant changedAt;

  /** The {@code market.regime.changed} event the row comes from. */
  @Column(name = "event_id", nullable = false)
  public UUID eventId;

  /** Market and detector. */
  @Embeddable
  public record Key(
      @Column(name = "symbol") String symbol,
      @Column(name = "timeframe") String timeframe,
      @Column(name = "detector") String detector)
      implements Serializable {}
}

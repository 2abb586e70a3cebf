package io.backtest.monitoring.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One paper-traded bar of a deployment's watch: the equity series the API serves. */
@Entity
@Table(name = "live_point")
public class LivePoint extends PanacheEntityBase {

  /** Strategy, watch (its promotion time) and bar open time. */
  @Embeddable
  public record Key(
      @Column(name = "strategy_id") UUID strategyId,
      @Column(name = "promoted_at") Instant promotedAt,
      @Column(name = "bar_time") Instant barTime) {}

  @EmbeddedId public Key id;

  /** Equity at the bar's close, in currency. */
  public double equity;

  /** Equity over the previous bar's (the starting capital for the first), minus 1. */
  @Column(name = "bar_return")
  public double barReturn;

  /** 1 − equity / highest equity so far (the starting capital included). */
  public double drawdown;

  @Enumerated(EnumType.STRING)
  public PositionSide position;

  /** Trades closed so far in this watch. */
  public int trades;
}

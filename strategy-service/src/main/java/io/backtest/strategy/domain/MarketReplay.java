package io.backtest.strategy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One replay of a dataset's bars onto {@code market.bars}. Its progress is written by the worker
 * running it with {@code update} statements ({@code MarketReplayRepository}); the entity is read.
 */
@Entity
@Table(name = "market_replay")
public class MarketReplay {
  @Id public UUID id;

  @Column(name = "dataset_id", nullable = false)
  public String datasetId;

  @Column(nullable = false)
  public String symbol;

  @Column(nullable = false)
  public String timeframe;

  /** Bars published per second; null for as fast as the broker acknowledges. */
  @Column(name = "bars_per_second")
  public Double barsPerSecond;

  /** Only bars opening at or after this time are published; null for all. */
  @Column(name = "from_time")
  public Instant from;

  @Column(name = "total_bars", nullable = false)
  public int totalBars;

  @Column(name = "published_bars", nullable = false)
  public int publishedBars;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ReplayStatus status;

  public String error;

  /** The correlation id every bar of the replay carries. */
  @Column(name = "correlation_id", nullable = false)
  public String correlationId;

  /** The instance that runs it. */
  @Column(nullable = false)
  public String owner;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  /** Last sign of life of the worker running it. */
  @Column(name = "heartbeat_at", nullable = false)
  public Instant heartbeatAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  /** Open time of the last bar published and acknowledged; null before the first. */
  @Column(name = "last_bar_time")
  public Instant lastBarTime;
}

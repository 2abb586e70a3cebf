package io.backtest.strategy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One backtest of one strategy, requested when its cycle starts. */
@Entity
@Table(name = "backtest_run")
public class BacktestRun {
  @Id public UUID id;

  @Column(name = "strategy_id", nullable = false)
  public UUID strategyId;

  @Column(name = "cycle_id", nullable = false)
  public UUID cycleId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public BacktestStatus status;

  /** The contract's {@code BacktestMetrics} as JSON, once completed. */
  public String metrics;

  @Column(name = "open_at_end")
  public Boolean openAtEnd;

  /** Wall-clock time of the evaluation. */
  @Column(name = "duration_millis")
  public Long durationMillis;

  /** Why the backtest failed. */
  public String error;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;
}

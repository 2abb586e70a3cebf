package io.backtest.scoring.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The outcome of one candidate's backtest in a cycle: its metrics and score, or why it failed. The
 * metric columns mirror {@code BacktestMetrics}; they are null for a failed backtest.
 */
@Entity
@Table(name = "strategy_result")
public class StrategyResult {
  @Id
  @Column(name = "backtest_id")
  public UUID backtestId;

  @Column(name = "cycle_id", nullable = false)
  public UUID cycleId;

  @Column(name = "strategy_id", nullable = false)
  public UUID strategyId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Outcome outcome;

  @Column(name = "dataset_id")
  public String datasetId;

  public String template;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public Map<String, Number> parameters;

  @Column(name = "total_return")
  public Double totalReturn;

  public Double cagr;

  public Double sharpe;

  public Double sortino;

  @Column(name = "max_drawdown")
  public Double maxDrawdown;

  public Double volatility;

  @Column(name = "trade_count")
  public Integer tradeCount;

  @Column(name = "win_rate")
  public Double winRate;

  @Column(name = "profit_factor")
  public Double profitFactor;

  public Double exposure;

  @Column(name = "bar_count")
  public Integer barCount;

  @Column(name = "open_at_end")
  public Boolean openAtEnd;

  @Column(name = "duration_millis")
  public Long durationMillis;

  @Column(name = "completed_at")
  public Instant completedAt;

  public Double score;

  @Column(name = "failure_reason")
  public String failureReason;

  @Column(name = "failed_at")
  public Instant failedAt;

  /** Arrived after its cycle closed: kept, but outside the cycle's counts and ranking. */
  @Column(nullable = false)
  public boolean late;

  /** The event that brought it. */
  @Column(name = "event_id", nullable = false)
  public UUID eventId;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;
}

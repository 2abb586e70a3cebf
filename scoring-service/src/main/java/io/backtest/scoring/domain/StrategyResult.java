package io.backtest.scoring.domain;

import io.backtest.contracts.events.CandidateStatistics;
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
 * The outcome of one candidate's backtest in a cycle: its metrics, or why it failed. The metric
 * columns mirror {@code BacktestMetrics}; they are null for a failed backtest. A scored result also
 * keeps what the overfitting statistics need of its walk-forward analysis (null without one) and
 * the provenance that reproduces it.
 *
 * <p>Score, rank and statistics come when the cycle closes, for every result counted in it at once
 * (they depend on the whole cycle); until then, and for a result that arrived after the close, they
 * are null. Results ranked before migration V4 have a score and a rank but no statistics.
 *
 * <p>Rows recorded before the walk-forward contracts (migration V3) have no {@code
 * maxDrawdownBars}, no provenance, and null for the other metrics added then but {@code calmar}.
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

  /** Null on rows recorded before V3. */
  @Column(name = "max_drawdown_bars")
  public Integer maxDrawdownBars;

  public Double calmar;

  public Double volatility;

  @Column(name = "trade_count")
  public Integer tradeCount;

  @Column(name = "win_rate")
  public Double winRate;

  @Column(name = "profit_factor")
  public Double profitFactor;

  @Column(name = "avg_win")
  public Double avgWin;

  @Column(name = "avg_loss")
  public Double avgLoss;

  public Double expectancy;

  public Double exposure;

  public Double skewness;

  public Double kurtosis;

  @Column(name = "bar_count")
  public Integer barCount;

  @Column(name = "open_at_end")
  public Boolean openAtEnd;

  @Column(name = "duration_millis")
  public Long durationMillis;

  @Column(name = "completed_at")
  public Instant completedAt;

  /** Composite score; null until the cycle closed, and for a result not counted in it. */
  public Double score;

  /** Position in the cycle's ranking, from 1; null until the cycle closed, or when not counted. */
  @Column(name = "rank")
  public Integer rank;

  /** What the score and the promotion gates were computed from; null while {@link #rank} is. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public CandidateStatistics statistics;

  /**
   * Its out-of-sample record per regime of the dataset; null while {@link #rank} is, and for
   * results ranked before migration V5.
   */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public RegimeRecord regimes;

  /** Folds of the walk-forward analysis; null without one. */
  @Column(name = "fold_count")
  public Integer foldCount;

  /** Distinct parameter sets the walk-forward analysis tried; null without one. */
  public Integer trials;

  /** In-sample backtests the walk-forward analysis ran; null without one. */
  public Integer evaluations;

  /** Walk-forward efficiency; null without a walk-forward analysis, or when it is undefined. */
  public Double efficiency;

  /**
   * Share of the out-of-sample folds with a positive total return; null without a walk-forward
   * analysis.
   */
  @Column(name = "fold_consistency")
  public Double foldConsistency;

  /** Settings and folds of the walk-forward analysis; null without one. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "walk_forward", columnDefinition = "jsonb")
  public WalkForwardRecord walkForward;

  /** SHA-256 of the dataset's canonical content; null on rows recorded before V3. */
  @Column(name = "dataset_sha256")
  public String datasetSha256;

  /** The cycle's seed the result was computed with; null on rows recorded before V3. */
  public Long seed;

  /** Version of the engine that computed the result; null on rows recorded before V3. */
  @Column(name = "engine_version")
  public String engineVersion;

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

package io.backtest.scoring.domain;

import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.WalkForwardSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One evaluation cycle as scoring sees it: what {@code cycle.started} announced, how many results
 * are in, whether {@code cycle.scored} went out and whether {@code cycle.completed} recorded the
 * promotion decision. Changed only under its row lock.
 */
@Entity
@Table(name = "scoring_cycle")
public class ScoringCycle {
  @Id
  @Column(name = "cycle_id")
  public UUID cycleId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public CycleStatus status;

  /** Candidates announced by {@code cycle.started}; null until it is in. */
  public Integer expected;

  @Column(name = "dataset_id")
  public String datasetId;

  public String symbol;

  public String timeframe;

  @Column(name = "bars_per_year")
  public Double barsPerYear;

  /** Templates the candidates were generated from, in request order; null until cycle.started. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(columnDefinition = "text[]")
  public String[] templates;

  /** The walk-forward analysis every candidate gets; null without one (or before cycle.started). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "walk_forward", columnDefinition = "jsonb")
  public WalkForwardSettings walkForward;

  public Long seed;

  /**
   * The dataset's bars labelled by the regime detectors, from {@code cycle.started}; null until it
   * is in (and for cycles started before migration V5).
   */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public CycleRegimes regimes;

  /** The regime runs known for the dataset; empty when none are. */
  public List<RegimeRun> regimeRuns() {
    return regimes == null ? List.of() : regimes.runs();
  }

  /**
   * Weights of the composite score: those {@code cycle.started} asked for (null there for the
   * defaults), and from the close on the weights the cycle was scored with.
   */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public ScoringWeights weights;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "correlation_id", nullable = false)
  public String correlationId;

  /** Scored results counted towards completion. */
  @Column(nullable = false)
  public int scored;

  /** Failed backtests counted towards completion. */
  @Column(nullable = false)
  public int failed;

  /** Results that never arrived, counted as failed when the timeout closed the cycle. */
  @Column(nullable = false)
  public int missing;

  /** Receipt time of the cycle's latest event; the timeout runs from here. */
  @Column(name = "last_activity_at", nullable = false)
  public Instant lastActivityAt;

  /** Id of the {@code cycle.scored} event; null while scoring. */
  @Column(name = "scored_event_id")
  public UUID scoredEventId;

  @Column(name = "scored_at")
  public Instant scoredAt;

  /**
   * N of the deflated Sharpe ratios: this cycle's trials plus the trial ledger's earlier ones on
   * the same symbol and timeframe; null until the close.
   */
  public Long trials;

  /** This cycle's trials; null until the close. */
  @Column(name = "cycle_trials")
  public Long cycleTrials;

  /** V[SR] of the deflated Sharpe ratios, annualised; null until the close. */
  @Column(name = "trial_sharpe_variance")
  public Double trialSharpeVariance;

  /** The CSCV diagnostics; null until the close, and when the returns were too short. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  public OverfittingDiagnostics overfitting;

  /** Id of the {@code cycle.completed} event; null until the decision is recorded. */
  @Column(name = "completed_event_id")
  public UUID completedEventId;

  /** When the decision was made ({@code cycle.completed}'s {@code completedAt}). */
  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** Whether results still count towards the cycle's ranking. */
  public boolean isOpen() {
    return status == CycleStatus.SCORING;
  }

  /** Whether every announced result is in. */
  public boolean allResultsIn() {
    return expected != null && scored + failed >= expected;
  }
}

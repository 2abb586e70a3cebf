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
 * One evaluation cycle: candidates generated from templates with a stored seed, backtested on one
 * dataset under one execution model, then passed through the promotion gate.
 *
 * <p>{@code backtested} and {@code failed} are only ever changed by atomic {@code update}
 * statements (several workers finish backtests of one cycle at once); they are not updatable
 * through the entity, so flushing a loaded cycle never writes back stale counts.
 */
@Entity
@Table(name = "cycle")
public class Cycle {
  @Id public UUID id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public CycleStatus status;

  @Column(name = "dataset_id", nullable = false)
  public String datasetId;

  /** The templates of the candidates, a JSON array of ids in request order. */
  @Column(nullable = false)
  public String templates;

  /** How candidates were picked from each template's grid: {@code random} or {@code grid}. */
  @Column(nullable = false)
  public String generation;

  /** The contract's {@code WalkForwardSettings} as JSON; null without walk-forward analysis. */
  @Column(name = "walk_forward")
  public String walkForward;

  @Column(nullable = false)
  public long seed;

  /** The contract's {@code ScoringWeights} requested for the cycle, as JSON; null for defaults. */
  public String scoring;

  @Column(name = "correlation_id", nullable = false)
  public String correlationId;

  @Column(nullable = false)
  public int candidates;

  /** Backtests completed; incremented atomically by the workers. */
  @Column(nullable = false, updatable = false)
  public int backtested;

  /** Backtests failed; incremented atomically by the workers. */
  @Column(nullable = false, updatable = false)
  public int failed;

  @Column(nullable = false)
  public int promoted;

  @Column(nullable = false)
  public int demoted;

  /** Execution model of every backtest of the cycle: {@code next-open} or {@code same-close}. */
  @Column(nullable = false)
  public String fill;

  @Column(name = "fee_bps", nullable = false)
  public double feeBps;

  @Column(name = "slippage_bps", nullable = false)
  public double slippageBps;

  @Column(name = "position_fraction", nullable = false)
  public double positionFraction;

  /** {@code long-only} or {@code long-short}. */
  @Column(nullable = false)
  public String direction;

  /** Starting equity of every backtest. */
  @Column(nullable = false)
  public double capital;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  /** The promotion decision in a sentence, once decided. */
  public String summary;

  /**
   * Why the cycle was started when no operator asked for it, e.g. {@code re-evaluation: volatility
   * NORMAL -> HIGH on AAPL 1d}; null for an operator's cycle.
   */
  public String reason;

  /**
   * The deployment history's last {@code seq} right after the cycle's promotion decision (0 for an
   * empty history); null until decided. The live set the decision left is the history replayed up
   * to there.
   */
  @Column(name = "deployment_seq")
  public Long deploymentSeq;
}

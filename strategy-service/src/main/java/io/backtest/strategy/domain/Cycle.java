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
 * One evaluation cycle: candidates generated from a template with a stored seed, backtested on one
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

  @Column(nullable = false)
  public String template;

  @Column(nullable = false)
  public long seed;

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

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  /** The promotion decision in a sentence, once decided. */
  public String summary;
}

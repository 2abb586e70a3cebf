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

  /** The cycle's seed the run was evaluated with (drives a random walk-forward search). */
  public Long seed;

  /** SHA-256 of the dataset content evaluated. */
  @Column(name = "dataset_sha256")
  public String datasetSha256;

  /** Version of the engine that computed the result. */
  @Column(name = "engine_version")
  public String engineVersion;

  /**
   * The contract's {@code WalkForwardSummary} as JSON, encrypted by {@code service.ParameterCipher}
   * (its folds name parameter sets); null without walk-forward analysis.
   */
  @Column(name = "walk_forward_enc")
  public byte[] walkForwardEnc;

  /** Id of the key {@link #walkForwardEnc} is encrypted with; null without one. */
  @Column(name = "walk_forward_key_id")
  public String walkForwardKeyId;

  /** Parameter sets tried by the walk-forward analysis; null without one. */
  public Integer trials;

  /** Why the backtest failed. */
  public String error;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;
}

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
 * A strategy: template + parameters + dataset, generated as a candidate of a cycle and possibly
 * promoted to the live set.
 */
@Entity
@Table(name = "strategy")
public class Strategy {
  @Id public UUID id;

  @Column(name = "cycle_id", nullable = false)
  public UUID cycleId;

  @Column(nullable = false)
  public String template;

  /**
   * The parameter values, encrypted: the canonical JSON of {@code mapping.ParametersJson} as {@code
   * service.ParameterCipher} seals it, which alone writes and reads it.
   */
  @Column(name = "parameters_enc", nullable = false)
  public byte[] parametersEnc;

  /** Id of the key {@link #parametersEnc} is encrypted with. */
  @Column(name = "parameters_key_id", nullable = false)
  public String parametersKeyId;

  /**
   * HMAC-SHA256 of the canonical JSON under the fingerprint key, hex: equal parameter sets have
   * equal fingerprints (the live set's uniqueness rule).
   */
  @Column(name = "parameters_fingerprint", nullable = false)
  public String parametersFingerprint;

  @Column(name = "dataset_id", nullable = false)
  public String datasetId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public StrategyStatus status;

  /** Composite score from the cycle's ranking; null until ranked. */
  public Double score;

  /** Rank in the cycle's ranking, 1 for the best; null until ranked. */
  public Integer rank;

  /**
   * The contract's {@code CandidateStatistics} from the cycle's ranking, as JSON; null until
   * ranked. What the promotion gate read, and what a live strategy is expected to do.
   */
  public String statistics;

  /**
   * Why it was (not) promoted or demoted, or why its backtest failed, in a sentence: the latest
   * decision (the deployment history keeps them all).
   */
  public String reason;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "promoted_at")
  public Instant promotedAt;

  @Column(name = "demoted_at")
  public Instant demotedAt;
}

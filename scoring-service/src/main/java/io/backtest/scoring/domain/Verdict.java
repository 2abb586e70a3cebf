package io.backtest.scoring.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The promotion gate's decision on one ranked candidate, from {@code cycle.completed}: written once
 * with the cycle's decision and never changed.
 */
@Entity
@Table(name = "candidate_verdict")
@IdClass(Verdict.Key.class)
public class Verdict {
  @Id
  @Column(name = "cycle_id")
  public UUID cycleId;

  @Id
  @Column(name = "strategy_id")
  public UUID strategyId;

  /** The candidate's rank as the decision read it. */
  @Column(name = "rank", nullable = false)
  public int rank;

  /** {@code PROMOTED}, or why not (e.g. {@code REJECTED_BY_GATES}, {@code CORRELATED}). */
  @Column(nullable = false)
  public String outcome;

  /** The decision in a sentence. */
  @Column(nullable = false)
  public String reason;

  /** Every gate applied, in order. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public GateChecks gates;

  /** The primary key. */
  public static class Key implements Serializable {
    public UUID cycleId;
    public UUID strategyId;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k
          && Objects.equals(cycleId, k.cycleId)
          && Objects.equals(strategyId, k.strategyId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(cycleId, strategyId);
    }
  }
}

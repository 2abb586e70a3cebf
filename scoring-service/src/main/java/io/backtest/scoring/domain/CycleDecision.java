package io.backtest.scoring.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * One strategy a cycle's decision ({@code cycle.completed}) promoted, or demoted to make room: a
 * historical fact, written once with the decision and never changed.
 */
@Entity
@Table(name = "cycle_decision")
@IdClass(CycleDecision.Key.class)
public class CycleDecision {
  @Id
  @Column(name = "cycle_id")
  public UUID cycleId;

  @Id
  @Enumerated(EnumType.STRING)
  public Kind decision;

  @Id
  @Column(name = "strategy_id")
  public UUID strategyId;

  /** What the decision did to the strategy. */
  public enum Kind {
    PROMOTED,
    DEMOTED
  }

  /** The primary key. */
  public static class Key implements Serializable {
    public UUID cycleId;
    public Kind decision;
    public UUID strategyId;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k
          && Objects.equals(cycleId, k.cycleId)
          && decision == k.decision
          && Objects.equals(strategyId, k.strategyId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(cycleId, decision, strategyId);
    }
  }
}

package io.backtest.scoring.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Whether a strategy is live now, from the latest of its {@code strategy.promoted} and {@code
 * strategy.demoted} decisions (by decision time, since the two topics arrive in any order). What a
 * cycle decided is {@link CycleDecision}, which never changes.
 */
@Entity
@Table(name = "strategy_standing")
public class StrategyStanding {
  @Id
  @Column(name = "strategy_id")
  public UUID strategyId;

  @Column(nullable = false)
  public boolean live;

  @Column(name = "promoted_cycle_id")
  public UUID promotedCycleId;

  @Column(name = "promoted_rank")
  public Integer promotedRank;

  @Column(name = "promoted_at")
  public Instant promotedAt;

  @Column(name = "demoted_at")
  public Instant demotedAt;

  @Column(name = "demotion_reason")
  public String demotionReason;

  /** Time of the decision this row reflects. */
  @Column(name = "decided_at", nullable = false)
  public Instant decidedAt;

  @Column(name = "event_id", nullable = false)
  public UUID eventId;
}

package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A live strategy stops trading. Subject: the strategy id.
 *
 * @param strategyId the strategy
 * @param cycleId the cycle whose decision demoted it; null when not caused by a cycle (drift,
 *     operator rollback)
 * @param reason why, in a sentence
 * @param replacedBy the strategy that took its place; null if none
 * @param liveCount live strategies after this demotion
 * @param demotedAt when
 */
public record StrategyDemoted(
    UUID strategyId,
    UUID cycleId,
    String reason,
    UUID replacedBy,
    int liveCount,
    Instant demotedAt) {
  public StrategyDemoted {
    Checks.present(strategyId, "strategyId");
    Checks.text(reason, "reason");
    Checks.atLeast(liveCount, 0, "liveCount");
    Checks.present(demotedAt, "demotedAt");
  }
}

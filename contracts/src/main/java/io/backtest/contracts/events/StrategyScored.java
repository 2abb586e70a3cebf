package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A backtest result was scored. Subject: the strategy id.
 *
 * @param strategyId the candidate
 * @param cycleId the cycle
 * @param score composite score (higher is better)
 * @param metrics the metrics the score was computed from
 * @param scoredAt when it was scored
 */
public record StrategyScored(
    UUID strategyId, UUID cycleId, double score, BacktestMetrics metrics, Instant scoredAt) {
  public StrategyScored {
    Checks.present(strategyId, "strategyId");
    Checks.present(cycleId, "cycleId");
    Checks.finite(score, "score");
    Checks.present(metrics, "metrics");
    Checks.present(scoredAt, "scoredAt");
  }
}

package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A backtest result was scored. Subject: the strategy id.
 *
 * @param strategyId the candidate
 * @param cycleId the cycle
 * @param rank its rank in the cycle, 1 for the best
 * @param score composite score (higher is better)
 * @param metrics the backtest's metrics as the worker reported them
 * @param statistics the statistics scoring computed, the score's inputs
 * @param scoredAt when it was scored
 */
public record StrategyScored(
    UUID strategyId,
    UUID cycleId,
    int rank,
    double score,
    BacktestMetrics metrics,
    CandidateStatistics statistics,
    Instant scoredAt) {
  public StrategyScored {
    Checks.present(strategyId, "strategyId");
    Checks.present(cycleId, "cycleId");
    Checks.atLeast(rank, 1, "rank");
    Checks.finite(score, "score");
    Checks.present(metrics, "metrics");
    Checks.present(statistics, "statistics");
    Checks.present(scoredAt, "scoredAt");
  }
}

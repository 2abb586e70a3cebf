package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A strategy goes live. Carries what a live trading system needs to run it. Subject: the strategy
 * id.
 *
 * @param strategyId the strategy
 * @param cycleId the cycle that selected it
 * @param dataset instrument, timeframe and the data it was evaluated on
 * @param strategy template and parameters
 * @param execution the execution model its backtest assumed
 * @param provenance what reproduces its backtest: the dataset's SHA-256, the seed, the engine
 *     version
 * @param metrics its backtest's metrics as the worker reported them
 * @param expected the out-of-sample performance to expect, the baseline monitoring compares live
 *     behaviour with
 * @param score composite score
 * @param rank rank in its cycle
 * @param liveCount live strategies after this promotion
 * @param cap maximum number of live strategies
 * @param reason why it was promoted, in a sentence
 * @param promotedAt when
 */
public record StrategyPromoted(
    UUID strategyId,
    UUID cycleId,
    DatasetRef dataset,
    StrategyDefinition strategy,
    ExecutionSettings execution,
    Provenance provenance,
    BacktestMetrics metrics,
    ExpectedPerformance expected,
    double score,
    int rank,
    int liveCount,
    int cap,
    String reason,
    Instant promotedAt) {
  public StrategyPromoted {
    Checks.present(strategyId, "strategyId");
    Checks.present(cycleId, "cycleId");
    Checks.present(dataset, "dataset");
    Checks.present(strategy, "strategy");
    Checks.present(execution, "execution");
    Checks.present(provenance, "provenance");
    Checks.present(metrics, "metrics");
    Checks.present(expected, "expected");
    Checks.finite(score, "score");
    Checks.atLeast(rank, 1, "rank");
    Checks.atLeast(liveCount, 1, "liveCount");
    Checks.atLeast(cap, 1, "cap");
    if (liveCount > cap) {
      throw new IllegalArgumentException("liveCount " + liveCount + " exceeds the cap " + cap);
    }
    Checks.text(reason, "reason");
    Checks.present(promotedAt, "promotedAt");
  }
}

package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A backtest finished. Subject: the strategy id.
 *
 * @param backtestId the run
 * @param strategyId the candidate
 * @param cycleId the cycle
 * @param dataset the data it was evaluated on
 * @param strategy template and parameters
 * @param metrics performance over the evaluated period
 * @param returns per-bar simple returns of equity over the evaluated period
 * @param openAtEnd whether a position was still open at the last bar (marked at its close)
 * @param durationMillis wall-clock time of the evaluation
 * @param completedAt when it finished
 */
public record BacktestCompleted(
    UUID backtestId,
    UUID strategyId,
    UUID cycleId,
    DatasetRef dataset,
    StrategyDefinition strategy,
    BacktestMetrics metrics,
    double[] returns,
    boolean openAtEnd,
    long durationMillis,
    Instant completedAt) {
  public BacktestCompleted {
    Checks.present(backtestId, "backtestId");
    Checks.present(strategyId, "strategyId");
    Checks.present(cycleId, "cycleId");
    Checks.present(dataset, "dataset");
    Checks.present(strategy, "strategy");
    Checks.present(metrics, "metrics");
    Checks.present(returns, "returns");
    for (int i = 0; i < returns.length; i++) {
      Checks.finite(returns[i], "returns[" + i + "]");
    }
    Checks.present(completedAt, "completedAt");
  }
}

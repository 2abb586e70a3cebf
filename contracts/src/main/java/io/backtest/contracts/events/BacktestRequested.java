package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Work for a backtest worker: evaluate one candidate on a dataset. Subject: the strategy id.
 *
 * @param backtestId id of this backtest run
 * @param strategyId the candidate
 * @param cycleId the cycle it belongs to
 * @param dataset the data to evaluate on
 * @param strategy template and parameters
 * @param execution execution model
 * @param walkForward the walk-forward analysis to run; null for one backtest over the whole dataset
 * @param seed the cycle's seed (drives a random walk-forward search)
 * @param requestedAt when it was requested
 */
public record BacktestRequested(
    UUID backtestId,
    UUID strategyId,
    UUID cycleId,
    DatasetRef dataset,
    StrategyDefinition strategy,
    ExecutionSettings execution,
    WalkForwardSettings walkForward,
    long seed,
    Instant requestedAt) {

  public BacktestRequested {
    Checks.present(backtestId, "backtestId");
    Checks.present(strategyId, "strategyId");
    Checks.present(cycleId, "cycleId");
    Checks.present(dataset, "dataset");
    Checks.present(strategy, "strategy");
    Checks.present(execution, "execution");
    Checks.present(requestedAt, "requestedAt");
  }
}

package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A backtest finished. Subject: the strategy id.
 *
 * <p>With a walk-forward analysis, {@code metrics} and {@code returns} describe the stitched
 * out-of-sample record (the honest one) and {@code walkForward} the folds; without one, the single
 * backtest over the whole dataset.
 *
 * @param backtestId the run
 * @param strategyId the candidate
 * @param cycleId the cycle
 * @param dataset the data it was evaluated on
 * @param strategy template and parameters of the candidate
 * @param execution the execution model it ran under
 * @param metrics performance of the evaluated (out-of-sample) record
 * @param returns per-bar simple returns of that record's equity, compactly encoded and bounded
 * @param walkForward folds, trials and efficiency; null without a walk-forward analysis
 * @param openAtEnd whether a position was still open at the last bar (marked at its close)
 * @param provenance dataset digest, seed and engine version that reproduce the result
 * @param durationMillis wall-clock time of the evaluation
 * @param completedAt when it finished
 */
public record BacktestCompleted(
    UUID backtestId,
    UUID strategyId,
    UUID cycleId,
    DatasetRef dataset,
    StrategyDefinition strategy,
    ExecutionSettings execution,
    BacktestMetrics metrics,
    ReturnSeries returns,
    WalkForwardSummary walkForward,
    boolean openAtEnd,
    Provenance provenance,
    long durationMillis,
    Instant completedAt) {

  public BacktestCompleted {
    Checks.present(backtestId, "backtestId");
    Checks.present(strategyId, "strategyId");
    Checks.present(cycleId, "cycleId");
    Checks.present(dataset, "dataset");
    Checks.present(strategy, "strategy");
    Checks.present(execution, "execution");
    Checks.present(metrics, "metrics");
    Checks.present(returns, "returns");
    Checks.present(provenance, "provenance");
    if (durationMillis < 0) {
      throw new IllegalArgumentException("durationMillis must be >= 0 but was " + durationMillis);
    }
    Checks.present(completedAt, "completedAt");
  }
}

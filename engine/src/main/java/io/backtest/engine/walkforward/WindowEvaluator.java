package io.backtest.engine.walkforward;

import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.Parameters;

/**
 * Backtests one parameter set of a fixed template, dataset and execution model over a window {@code
 * [from, to)} of the series, with indicators warmed up on the bars before {@code from} and never
 * reading bars at or after {@code to}.
 *
 * <p>Walk-forward analysis calls {@link #metrics} K times per fold (the hot path, which may skip
 * building trade lists and equity curves) and {@link #backtest} once per fold for the out-of-sample
 * window. Both must agree on the metrics.
 */
public interface WindowEvaluator {

  /** The metrics of {@code params} over {@code [from, to)}. */
  PerformanceMetrics metrics(Parameters params, int from, int to);

  /** The full result of {@code params} over {@code [from, to)}. */
  BacktestResult backtest(Parameters params, int from, int to);
}

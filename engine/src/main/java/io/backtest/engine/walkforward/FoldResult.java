package io.backtest.engine.walkforward;

import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.Parameters;
import java.util.Objects;

/**
 * One walk-forward fold: the parameter set that won in-sample and how it did on both windows.
 *
 * @param window the fold's bar ranges
 * @param chosen the parameter set with the best in-sample objective
 * @param inSampleScore its objective value in-sample ({@link Double#NEGATIVE_INFINITY} when
 *     undefined for every point)
 * @param inSample its in-sample metrics
 * @param outOfSample its out-of-sample metrics
 */
public record FoldResult(
    FoldWindow window,
    Parameters chosen,
    double inSampleScore,
    PerformanceMetrics inSample,
    PerformanceMetrics outOfSample) {

  public FoldResult {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(inSample, "inSample");
    Objects.requireNonNull(outOfSample, "outOfSample");
  }
}

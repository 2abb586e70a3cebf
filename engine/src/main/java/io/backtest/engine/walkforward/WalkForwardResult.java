package io.backtest.engine.walkforward;

import io.backtest.engine.backtest.Trade;
import io.backtest.engine.metrics.PerformanceMetrics;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a walk-forward analysis.
 *
 * @param spec how it was run
 * @param folds per fold: the chosen parameters and their in-sample and out-of-sample metrics
 * @param trades every out-of-sample trade in order, indices into the whole series
 * @param equity the out-of-sample windows' equity curves stitched into one: fold {@code k}'s curve
 *     rescaled to start where fold {@code k − 1} ended; one value per out-of-sample bar
 * @param returns per-bar simple returns of {@code equity}, length {@code equity.length − 1}
 * @param outOfSample metrics of the stitched record
 * @param efficiency walk-forward efficiency: annualised out-of-sample return (CAGR of the stitched
 *     record) over the mean annualised in-sample return (CAGR) of the chosen parameter sets; {@code
 *     null} when the in-sample figure is not positive (Pardo 2008, ch. 11)
 * @param trials distinct parameter sets tried (the region's size), the number of trials a deflated
 *     Sharpe ratio accounts for
 * @param evaluations in-sample backtests run, {@code trials × folds}
 */
public record WalkForwardResult(
    WalkForwardSpec spec,
    List<FoldResult> folds,
    List<Trade> trades,
    double[] equity,
    double[] returns,
    PerformanceMetrics outOfSample,
    Double efficiency,
    int trials,
    int evaluations) {

  public WalkForwardResult {
    Objects.requireNonNull(spec, "spec");
    folds = List.copyOf(folds);
    trades = List.copyOf(trades);
    equity = equity.clone();
    returns = returns.clone();
    Objects.requireNonNull(outOfSample, "outOfSample");
  }

  @Override
  public double[] equity() {
    return equity.clone();
  }

  @Override
  public double[] returns() {
    return returns.clone();
  }
}

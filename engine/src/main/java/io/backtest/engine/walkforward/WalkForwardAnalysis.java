package io.backtest.engine.walkforward;

import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.ParameterSpace;
import io.backtest.engine.strategy.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Walk-forward analysis of one candidate (Pardo 2008, ch. 11).
 *
 * <p>For each fold of {@link WalkForwardSpec#folds}: every parameter set of the candidate's {@link
 * ParameterRegion} is backtested on the in-sample window; the one with the highest {@link
 * Objective} (ties: the earlier in region order, so the candidate itself wins a tie) is backtested
 * on the out-of-sample window that follows. The evaluator warms indicators up on the bars before a
 * window and never reads bars after it, so no out-of-sample result depends on a later bar.
 *
 * <p>The out-of-sample windows are stitched into one record. Each window starts flat with the
 * starting capital and ends with any open position marked at its last close, as a plain backtest
 * does; in the stitched curve window {@code k} is rescaled by {@code endOf(k − 1) / capital}, so
 * the step from one window's last close to the next window's first close is the next window's first
 * equity over its capital (0 with next-open fills, the entry costs with a same-close fill on the
 * first bar). Trade P&amp;L stays in each window's own capital.
 *
 * <p>Not thread-safe per call only in the sense that the evaluator must be usable from the calling
 * thread; analyses of different candidates may run in parallel with their own evaluators.
 */
public final class WalkForwardAnalysis {

  private final WindowEvaluator evaluator;
  private final double barsPerYear;
  private final double capital;

  /**
   * @param evaluator backtests a parameter set over a window of the series
   * @param barsPerYear annualisation factor of the series
   * @param capital the starting equity of every window's backtest
   */
  public WalkForwardAnalysis(WindowEvaluator evaluator, double barsPerYear, double capital) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
      throw new IllegalArgumentException(
          "barsPerYear must be finite and > 0 but was " + barsPerYear);
    }
    if (!(capital > 0) || Double.isInfinite(capital)) {
      throw new IllegalArgumentException("capital must be finite and > 0 but was " + capital);
    }
    this.barsPerYear = barsPerYear;
    this.capital = capital;
  }

  /**
   * Runs the analysis of {@code candidate} over a series of {@code barCount} bars.
   *
   * @param seed drives {@link WalkForwardSpec.Search#RANDOM}; unused by grid search
   * @throws IllegalArgumentException if not one fold fits in {@code barCount} bars or the candidate
   *     is not a valid point of {@code space}
   */
  public WalkForwardResult run(
      ParameterSpace space, Parameters candidate, WalkForwardSpec spec, int barCount, long seed) {
    Objects.requireNonNull(spec, "spec");
    List<FoldWindow> windows = spec.folds(barCount);
    List<Parameters> region =
        ParameterRegion.around(space, candidate, spec.search(), spec.points(), seed);

    List<FoldResult> folds = new ArrayList<>(windows.size());
    List<BacktestResult> outOfSample = new ArrayList<>(windows.size());
    for (FoldWindow window : windows) {
      Parameters best = null;
      PerformanceMetrics bestMetrics = null;
      double bestScore = 0;
      for (Parameters point : region) {
        PerformanceMetrics m = evaluator.metrics(point, window.inSampleFrom(), window.inSampleTo());
        double score = spec.objective().score(m);
        if (best == null || score > bestScore) {
          best = point;
          bestMetrics = m;
          bestScore = score;
        }
      }
      BacktestResult oos =
          evaluator.backtest(best, window.outOfSampleFrom(), window.outOfSampleTo());
      outOfSample.add(oos);
      folds.add(new FoldResult(window, best, bestScore, bestMetrics, oos.metrics()));
    }
    return stitch(spec, folds, outOfSample, region.size());
  }

  private WalkForwardResult stitch(
      WalkForwardSpec spec, List<FoldResult> folds, List<BacktestResult> windows, int trials) {
    // equity() copies: take each window's curve once.
    List<double[]> curves = windows.stream().map(BacktestResult::equity).toList();
    int bars = curves.stream().mapToInt(e -> e.length).sum();
    double[] equity = new double[bars];
    List<Trade> trades = new ArrayList<>();
    int at = 0;
    double start = capital;
    for (int w = 0; w < windows.size(); w++) {
      BacktestResult r = windows.get(w);
      double[] e = curves.get(w);
      double scale = start / capital;
      for (double v : e) {
        equity[at++] = v * scale;
      }
      start = equity[at - 1];
      trades.addAll(r.trades());
    }
    double[] returns = new double[Math.max(0, bars - 1)];
    for (int i = 1; i < bars; i++) {
      returns[i - 1] = equity[i] / equity[i - 1] - 1;
    }
    PerformanceMetrics metrics = PerformanceMetrics.of(returns, equity, trades, barsPerYear);
    return new WalkForwardResult(
        spec,
        folds,
        trades,
        equity,
        returns,
        metrics,
        efficiency(metrics, folds),
        trials,
        trials * folds.size());
  }

  /** Annualised out-of-sample return over the mean annualised in-sample return of the winners. */
  private static Double efficiency(PerformanceMetrics outOfSample, List<FoldResult> folds) {
    double inSample = 0;
    for (FoldResult f : folds) {
      inSample += f.inSample().cagr();
    }
    inSample /= folds.size();
    if (!(inSample > 0) || !Double.isFinite(inSample)) {
      return null;
    }
    double ratio = outOfSample.cagr() / inSample;
    return Double.isFinite(ratio) ? ratio : null;
  }
}

package io.backtest.engine.evaluation;

import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.walkforward.WalkForwardResult;
import java.util.List;

/**
 * The evaluation of one candidate: a single backtest over the whole dataset, or a walk-forward
 * analysis whose stitched out-of-sample record stands in for it. Exactly one of {@code single} and
 * {@code walkForward} is set.
 *
 * @param single the backtest, without walk-forward analysis
 * @param walkForward the analysis, with one
 * @param engineVersion the engine version that computed it ({@link io.backtest.engine.Engine})
 */
public record Evaluation(
    BacktestResult single, WalkForwardResult walkForward, String engineVersion) {

  public Evaluation {
    if ((single == null) == (walkForward == null)) {
      throw new IllegalArgumentException("exactly one of single and walkForward must be set");
    }
  }

  /** Metrics of the evaluated record (the stitched out-of-sample one with walk-forward). */
  public PerformanceMetrics metrics() {
    return single != null ? single.metrics() : walkForward.outOfSample();
  }

  /** Per-bar returns of the evaluated record. */
  public double[] returns() {
    return single != null ? single.returns() : walkForward.returns();
  }

  /** Equity at each bar's close of the evaluated record. */
  public double[] equity() {
    return single != null ? single.equity() : walkForward.equity();
  }

  /** Trades of the evaluated record, in order. */
  public List<Trade> trades() {
    return single != null ? single.trades() : walkForward.trades();
  }

  /** Whether the record's last position was still open at its last bar. */
  public boolean openAtEnd() {
    List<Trade> trades = trades();
    return !trades.isEmpty() && trades.getLast().open();
  }
}

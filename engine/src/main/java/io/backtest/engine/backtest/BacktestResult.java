package io.backtest.engine.backtest;

import io.backtest.engine.metrics.PerformanceMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one backtest over bars {@code [fromIndex, fromIndex + equity.length)} of a series:
 * trades, equity curve, per-bar returns and summary metrics.
 *
 * <p>Immutable: the result takes ownership of the arrays it is built with (the engine hands over
 * arrays it never touches again, so building a result copies nothing) and copies them on every
 * access.
 *
 * @param trades round trips in order; the last one is flagged {@link Trade#open()} when {@code
 *     openAtEnd}
 * @param equity equity at each bar's close of the window, in currency, starting at the model's
 *     capital
 * @param metrics summary of {@code equity} and {@code trades}
 * @param openAtEnd whether a position was still held after the window's last bar
 * @param barsPerYear the annualisation factor the metrics used
 * @param fromIndex full-series index of the window's first bar (equity[0])
 */
public record BacktestResult(
    List<Trade> trades,
    double[] equity,
    PerformanceMetrics metrics,
    boolean openAtEnd,
    double barsPerYear,
    int fromIndex) {

  public BacktestResult {
    trades = List.copyOf(trades);
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(metrics, "metrics");
    if (equity.length == 0) {
      throw new IllegalArgumentException("equity must have at least one value");
    }
  }

  @Override
  public double[] equity() {
    return equity.clone();
  }

  /**
   * Simple returns of {@link #equity()} from each bar to the next, {@code equity[k] / equity[k − 1]
   * − 1}; length {@code equity.length − 1}. Derived on each call rather than stored: the metrics
   * never need them materialised, and most results are never asked for them.
   */
  public double[] returns() {
    double[] returns = new double[equity.length - 1];
    for (int k = 1; k < equity.length; k++) {
      returns[k - 1] = equity[k] / equity[k - 1] - 1;
    }
    return returns;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BacktestResult other
        && trades.equals(other.trades)
        && Arrays.equals(equity, other.equity)
        && metrics.equals(other.metrics)
        && openAtEnd == other.openAtEnd
        && Double.compare(barsPerYear, other.barsPerYear) == 0
        && fromIndex == other.fromIndex;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        trades, Arrays.hashCode(equity), metrics, openAtEnd, barsPerYear, fromIndex);
  }

  @Override
  public String toString() {
    return "BacktestResult[trades="
        + trades.size()
        + ", bars="
        + equity.length
        + ", from="
        + fromIndex
        + ", openAtEnd="
        + openAtEnd
        + ", metrics="
        + metrics
        + "]";
  }
}

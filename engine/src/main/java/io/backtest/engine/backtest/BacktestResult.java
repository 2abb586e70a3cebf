package io.backtest.engine.backtest;

import io.backtest.engine.metrics.PerformanceMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one backtest: trades, equity curve, per-bar returns and summary metrics.
 *
 * <p>Immutable: the arrays are copied on the way in and on every access.
 *
 * @param trades round trips in order; the last one is flagged {@link Trade#open()} when {@code
 *     openAtEnd}
 * @param equity equity at each bar's close, starting capital normalised to 1.0
 * @param returns simple returns of {@code equity} from each bar to the next; length {@code
 *     equity.length - 1}
 * @param openAtEnd whether a position was still held after the last bar
 */
public record BacktestResult(
    List<Trade> trades,
    double[] equity,
    double[] returns,
    PerformanceMetrics metrics,
    boolean openAtEnd) {

  public BacktestResult {
    trades = List.copyOf(trades);
    equity = equity.clone();
    returns = returns.clone();
    Objects.requireNonNull(metrics, "metrics");
    if (returns.length != Math.max(0, equity.length - 1)) {
      throw new IllegalArgumentException(
          "returns must have one element less than equity: "
              + returns.length
              + " vs "
              + equity.length);
    }
  }

  @Override
  public double[] equity() {
    return equity.clone();
  }

  @Override
  public double[] returns() {
    return returns.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BacktestResult other
        && trades.equals(other.trades)
        && Arrays.equals(equity, other.equity)
        && Arrays.equals(returns, other.returns)
        && metrics.equals(other.metrics)
        && openAtEnd == other.openAtEnd;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        trades, Arrays.hashCode(equity), Arrays.hashCode(returns), metrics, openAtEnd);
  }

  @Override
  public String toString() {
    return "BacktestResult[trades="
        + trades.size()
        + ", bars="
        + equity.length
        + ", openAtEnd="
        + openAtEnd
        + ", metrics="
        + metrics
        + "]";
  }
}

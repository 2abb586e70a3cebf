package io.backtest.regime.domain;

import java.util.OptionalDouble;

/**
 * Running sums of the log returns {@code ln(close_i / close_{i-1})} between consecutive bars of a
 * window (consecutive by bar time), kept up to date as bars enter and leave anywhere in the window,
 * so that the window's volatility never needs the whole window re-read.
 *
 * <p>Inserting a bar between two neighbours replaces the return that spanned them by the two
 * returns through the new bar; removing a bar does the opposite. The sample variance follows from
 * the sums as {@code (Σr² − (Σr)²/n) / (n − 1)}; log returns have a mean close to 0 relative to
 * their spread, so this form loses no meaningful precision. Each update adds rounding of the order
 * of one ulp of the terms, negligible against the variance over any realistic number of updates.
 *
 * @param count number of returns (bars in the window − 1, or 0)
 * @param sum Σr
 * @param sumOfSquares Σr²
 */
public record ReturnMoments(long count, double sum, double sumOfSquares) {
  public static final ReturnMoments EMPTY = new ReturnMoments(0, 0, 0);

  public ReturnMoments {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0 but was " + count);
    }
    if (count == 0) {
      // no returns left: drop the residue of the additions and removals
      sum = 0;
      sumOfSquares = 0;
    }
  }

  /** The log return from {@code from} to {@code to}. */
  public static double logReturn(double from, double to) {
    return Math.log(to / from);
  }

  /**
   * After inserting a bar closing at {@code close} between its neighbours by time.
   *
   * @param before close of the latest bar before it in the window, or null if none
   * @param after close of the earliest bar after it in the window, or null if none
   */
  public ReturnMoments withInserted(Double before, double close, Double after) {
    ReturnMoments m = this;
    if (before != null && after != null) {
      m = m.minus(logReturn(before, after));
    }
    if (before != null) {
      m = m.plus(logReturn(before, close));
    }
    if (after != null) {
      m = m.plus(logReturn(close, after));
    }
    return m;
  }

  /**
   * After removing a bar closing at {@code close} from between its neighbours by time.
   *
   * @param before close of the latest bar before it in the window, or null if none
   * @param after close of the earliest bar after it in the window, or null if none
   */
  public ReturnMoments withRemoved(Double before, double close, Double after) {
    ReturnMoments m = this;
    if (before != null) {
      m = m.minus(logReturn(before, close));
    }
    if (after != null) {
      m = m.minus(logReturn(close, after));
    }
    if (before != null && after != null) {
      m = m.plus(logReturn(before, after));
    }
    return m;
  }

  /** The sample standard deviation of the returns; empty with fewer than two returns. */
  public OptionalDouble sampleStandardDeviation() {
    if (count < 2) {
      return OptionalDouble.empty();
    }
    double variance = (sumOfSquares - sum * sum / count) / (count - 1);
    // rounding can leave a tiny negative residue when all returns are equal
    return OptionalDouble.of(Math.sqrt(Math.max(0, variance)));
  }

  /**
   * Realised volatility: the sample standard deviation of log returns scaled by √barsPerYear (Hull,
   * <i>Options, Futures, and Other Derivatives</i>, "Estimating volatility from historical data":
   * σ̂ = s / √τ with τ the bar length in years). Empty with fewer than two returns.
   */
  public OptionalDouble annualisedVolatility(double barsPerYear) {
    OptionalDouble s = sampleStandardDeviation();
    return s.isPresent() ? OptionalDouble.of(s.getAsDouble() * Math.sqrt(barsPerYear)) : s;
  }

  private ReturnMoments plus(double r) {
    return new ReturnMoments(count + 1, sum + r, sumOfSquares + r * r);
  }

  private ReturnMoments minus(double r) {
    return new ReturnMoments(count - 1, sum - r, sumOfSquares - r * r);
  }
}

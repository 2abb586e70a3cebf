package io.backtest.engine.indicator;

/**
 * ta4j's cross and comparison rules over arrays, with {@code DoubleNum}'s comparison semantics.
 *
 * <p>ta4j's {@code CrossIndicator(up, low)} is true at {@code i} when {@code i} is past the
 * unstable boundary {@code b = max(unstable(up), unstable(low))}, {@code up[i] < low[i]}, and at
 * the last earlier index {@code j ≥ b} where the two differ (equal values are skipped; the search
 * stops at {@code b}) {@code up[j] > low[j]}. {@code CrossedUpIndicatorRule(first, second)} is
 * {@code CrossIndicator(second, first)}: {@code first} rose above {@code second}; {@code
 * CrossedDownIndicatorRule(first, second)} is {@code CrossIndicator(first, second)}.
 *
 * <p>{@code DoubleNum} orders values with {@link Double#compare} ({@code −0.0 < 0.0}) but tests
 * equality with {@code ==}, and every comparison with ta4j's NaN is false; the helpers here do the
 * same.
 */
public final class Crosses {

  private Crosses() {}

  // The four comparisons are DoubleNum's — Double.compare on non-NaN values, false with a NaN —
  // written without Double.compare's bit tests on the common path: Double.compare(a, b) differs
  // from the primitive operators only for NaN (every comparison is false here, as with the
  // operators) and for the zeros, where it orders −0.0 below 0.0 (the raw bits, as signed longs,
  // order them the same way).

  /** {@code DoubleNum.isGreaterThan}. */
  public static boolean gt(double a, double b) {
    return a > b
        || (a == b && a == 0 && Double.doubleToRawLongBits(a) > Double.doubleToRawLongBits(b));
  }

  /** {@code DoubleNum.isLessThan}. */
  public static boolean lt(double a, double b) {
    return gt(b, a);
  }

  /** {@code DoubleNum.isGreaterThanOrEqual}. */
  public static boolean ge(double a, double b) {
    return a > b
        || (a == b && (a != 0 || Double.doubleToRawLongBits(a) >= Double.doubleToRawLongBits(b)));
  }

  /** {@code DoubleNum.isLessThanOrEqual}. */
  public static boolean le(double a, double b) {
    return ge(b, a);
  }

  /**
   * {@code CrossedUpIndicatorRule(first, second)} at every index: {@code first} crossed above
   * {@code second}.
   *
   * @param boundary {@code max(unstable(first), unstable(second))} as ta4j counts them
   */
  public static boolean[] crossedUp(double[] first, double[] second, int boundary) {
    boolean[] out = new boolean[first.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = cross(second, first, i, boundary);
    }
    return out;
  }

  /**
   * {@code CrossedDownIndicatorRule(first, second)} at every index: {@code first} crossed below
   * {@code second}.
   */
  public static boolean[] crossedDown(double[] first, double[] second, int boundary) {
    boolean[] out = new boolean[first.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = cross(first, second, i, boundary);
    }
    return out;
  }

  /**
   * Both {@link #crossedUp(double[], double[], int)} and {@link #crossedDown(double[], double[],
   * int)} of the same pair in one pass: a crossover template's entry and exit signals.
   *
   * <p>Both crosses look back from {@code i − 1} to the same index — the last {@code j ≥ boundary}
   * where the two series differ, or {@code boundary} itself (NaN differs from everything, as {@code
   * ==} has it) — so one scan that remembers that index replaces two scans with a backward search
   * at every bar.
   *
   * @return {@code [crossedUp, crossedDown]}
   */
  public static boolean[][] crossings(double[] first, double[] second, int boundary) {
    int n = first.length;
    boolean[] up = new boolean[n];
    boolean[] down = new boolean[n];
    // The look-back index for bar i: the last j in [boundary, i − 1] that ends the search.
    int last = -1;
    for (int i = 0; i < n; i++) {
      double f = first[i];
      double s = second[i];
      if (i > boundary && last >= 0) {
        double lf = first[last];
        double ls = second[last];
        up[i] = !ge(s, f) && gt(ls, lf);
        down[i] = !ge(f, s) && gt(lf, ls);
      }
      if (i == boundary || (i > boundary && f != s)) {
        last = i;
      }
    }
    return new boolean[][] {up, down};
  }

  /** {@code CrossedUpIndicatorRule(first, threshold)}: {@code first} crossed above a constant. */
  public static boolean[] crossedUp(double[] first, double threshold, int boundary) {
    boolean[] out = new boolean[first.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = crossConstantAbove(first, threshold, i, boundary);
    }
    return out;
  }

  /** ta4j's {@code CrossIndicator(up, low).getValue(i)}. */
  static boolean cross(double[] up, double[] low, int i, int boundary) {
    if (i <= boundary || ge(up[i], low[i])) {
      return false;
    }
    do {
      i--;
    } while (i > boundary && up[i] == low[i]);
    return gt(up[i], low[i]);
  }

  /** {@code CrossIndicator(up = constant c, low = x)}: x rose above c. */
  private static boolean crossConstantAbove(double[] x, double c, int i, int boundary) {
    if (i <= boundary || ge(c, x[i])) {
      return false;
    }
    do {
      i--;
    } while (i > boundary && c == x[i]);
    return gt(c, x[i]);
  }
}

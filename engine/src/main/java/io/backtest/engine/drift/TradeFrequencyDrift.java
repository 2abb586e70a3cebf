package io.backtest.engine.drift;

import java.util.Locale;

/**
 * Does the live strategy trade as often as promised? Trades closed since the (re)start are compared
 * with the Poisson count the backtest's rate leads to expect over the elapsed time, {@code λ =
 * tradesPerYear × bars / barsPerYear}; the check alarms, in either direction, when the count's
 * exact two-sided Poisson p-value falls below {@code alpha}:
 *
 * <pre>p = min(1, 2·min(P(X ≤ n; λ), P(X ≥ n; λ)))  &lt; alpha</pre>
 *
 * (the test of {@link PoissonDistribution#twoSidedPValue}). Equivalently λ lies outside Garwood's
 * exact {@code 1 − alpha} confidence interval for the count n (Garwood, "Fiducial Limits for the
 * Poisson Distribution", Biometrika 28(3/4), 1936), which is how it runs in O(1) a bar: the
 * interval changes only when a trade closes, and is then solved afresh (bisection on the incomplete
 * gamma function, about 50 evaluations of O(√n) each); every bar only compares λ with it.
 *
 * <p>Too few trades means the signals no longer fire (a broken feed, a market the strategy no
 * longer reads); too many means it churns, paying costs the backtest did not. Trades are not really
 * Poisson — they are more regular when positions have a minimum length and clustered in volatile
 * spells — so alarms of this check are a prompt to look, not a verdict. Like every test repeated
 * each bar it rejects a true rate eventually; {@code alpha} is sized for that.
 *
 * <p><b>Parameters.</b>
 *
 * <ul>
 *   <li>{@code tradesPerYear}: the promised rate. The check is off when it is not positive (a
 *       backtest without closed trades gives no rate to test against).
 *   <li>{@code barsPerYear}: live bars in a year, {@code pointsPerYear × barsPerPoint} of the
 *       promise, to turn bars into elapsed years.
 *   <li>{@code alpha}, default {@value #DEFAULT_ALPHA}: the two-sided significance of each look.
 *       Chosen with {@link DriftExperiment} so that Poisson trades at exactly the promised rate
 *       alarm less than once per 10,000 bars, repeated looks included.
 * </ul>
 */
public final class TradeFrequencyDrift {

  /** Default two-sided significance of each look. */
  public static final double DEFAULT_ALPHA = 1e-3;

  private final double tradesPerYear;
  private final double barsPerYear;
  private final double alpha;
  private final boolean enabled;
  private long bars;
  private long trades;
  private double lowerLimit;
  private double upperLimit;

  /**
   * A check against a promised trade rate.
   *
   * @param tradesPerYear promised trades a year (≤ 0: the check is off)
   * @param barsPerYear live bars a year, &gt; 0
   * @param alpha two-sided significance, in (0, 1)
   */
  public TradeFrequencyDrift(double tradesPerYear, double barsPerYear, double alpha) {
    if (!Double.isFinite(tradesPerYear)) {
      throw new IllegalArgumentException("tradesPerYear must be finite");
    }
    if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
      throw new IllegalArgumentException(
          "barsPerYear must be finite and > 0 but was " + barsPerYear);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1) but was " + alpha);
    }
    this.tradesPerYear = tradesPerYear;
    this.barsPerYear = barsPerYear;
    this.alpha = alpha;
    this.enabled = tradesPerYear > 0;
    limits();
  }

  /** The check with the default significance. */
  public static TradeFrequencyDrift withDefaults(double tradesPerYear, double barsPerYear) {
    return new TradeFrequencyDrift(tradesPerYear, barsPerYear, DEFAULT_ALPHA);
  }

  /**
   * Takes the next bar.
   *
   * @param tradeClosed whether a trade closed on it
   * @return whether the count is now improbable under the promised rate
   */
  public boolean update(boolean tradeClosed) {
    bars++;
    if (tradeClosed) {
      trades++;
      limits();
    }
    if (!enabled) {
      return false;
    }
    double expected = expectedTrades();
    return expected < lowerLimit || expected > upperLimit;
  }

  private void limits() {
    if (enabled) {
      lowerLimit = PoissonDistribution.lowerConfidenceLimit(trades, alpha);
      upperLimit = PoissonDistribution.upperConfidenceLimit(trades, alpha);
    }
  }

  /** The expected count so far, {@code tradesPerYear × bars / barsPerYear}. */
  public double expectedTrades() {
    return tradesPerYear * bars / barsPerYear;
  }

  /** Years elapsed since the (re)start. */
  public double years() {
    return bars / barsPerYear;
  }

  /** The exact two-sided p-value of the count so far (1 when the check is off). */
  public double pValue() {
    return enabled ? PoissonDistribution.twoSidedPValue(trades, expectedTrades()) : 1;
  }

  /** Garwood's lower limit for the count so far. */
  public double lowerLimit() {
    return lowerLimit;
  }

  /** Garwood's upper limit for the count so far. */
  public double upperLimit() {
    return upperLimit;
  }

  /** Trades closed since the (re)start. */
  public long trades() {
    return trades;
  }

  /** Bars taken since the (re)start. */
  public long bars() {
    return bars;
  }

  /** The two-sided significance. */
  public double alpha() {
    return alpha;
  }

  /** Whether a rate was promised to test against. */
  public boolean enabled() {
    return enabled;
  }

  /** A sentence on the count so far, e.g. {@code 2 trades in 1.35 years, 54.0 expected}. */
  String describe() {
    return String.format(
        Locale.ROOT, "%d trades in %.2f years, %.1f expected", trades, years(), expectedTrades());
  }

  /** Forgets the count, as after an alarm. */
  public void reset() {
    bars = 0;
    trades = 0;
    limits();
  }
}

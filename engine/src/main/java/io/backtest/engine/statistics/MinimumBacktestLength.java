package io.backtest.engine.statistics;

/**
 * The minimum backtest length: how many years of data it takes before the best of N trials of true
 * Sharpe ratio 0 is no longer expected to show an annualised Sharpe ratio of SR (Bailey, Borwein,
 * López de Prado &amp; Zhu, "Pseudo-Mathematics and Financial Charlatanism", Notices of the AMS
 * 61(5), 2014, eq. 6):
 *
 * <pre>MinBTL ≈ ( ((1 − γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N·e))) / SR )²  years</pre>
 *
 * A strategy whose record is shorter than that for the trials behind it cannot be told from luck.
 */
public final class MinimumBacktestLength {

  private MinimumBacktestLength() {}

  /**
   * MinBTL in years for {@code trials} at annualised Sharpe ratio {@code annualSharpe}; +∞ when the
   * Sharpe ratio is not positive (no length makes a loss significant), 0 for one trial.
   */
  public static double years(long trials, double annualSharpe) {
    double z = DeflatedSharpeRatio.expectedMaximumZ(trials);
    if (z == 0) {
      return 0;
    }
    if (!(annualSharpe > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double ratio = z / annualSharpe;
    return ratio * ratio;
  }
}

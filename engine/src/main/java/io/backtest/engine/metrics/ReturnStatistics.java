package io.backtest.engine.metrics;

/**
 * Statistics of per-period simple returns and equity curves, the building blocks of {@link
 * PerformanceMetrics}. Every method returns 0 where its quantity is undefined (too few
 * observations, zero dispersion), so results stay finite and JSON-safe.
 */
public final class ReturnStatistics {

  private ReturnStatistics() {}

  /** Arithmetic mean; 0 for no observations. */
  public static double mean(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /**
   * Sample standard deviation with Bessel's correction, {@code sqrt(Σ(x − mean)² / (n − 1))}; 0 for
   * fewer than two observations. Two-pass for numerical stability.
   */
  public static double sampleStandardDeviation(double[] values) {
    int n = values.length;
    if (n < 2) {
      return 0;
    }
    double mean = mean(values);
    double sumSquares = 0;
    for (double v : values) {
      double d = v - mean;
      sumSquares += d * d;
    }
    return Math.sqrt(sumSquares / (n - 1));
  }

  /**
   * Downside deviation below a target of 0 over all periods, {@code sqrt(Σ min(r, 0)² / n)}: every
   * period counts in {@code n}, not only the losing ones (Sortino &amp; Price, "Performance
   * Measurement in a Downside Risk Framework", Journal of Investing 3(3), 1994; Rollinger &amp;
   * Hoffman, "Sortino: A 'Sharper' Ratio", Red Rock Capital, 2013). 0 for no observations.
   */
  public static double downsideDeviation(double[] returns) {
    if (returns.length == 0) {
      return 0;
    }
    double sumSquares = 0;
    for (double r : returns) {
      if (r < 0) {
        sumSquares += r * r;
      }
    }
    return Math.sqrt(sumSquares / returns.length);
  }

  /**
   * Annualised Sharpe ratio with a zero risk-free rate: {@code mean / sampleStd ×
   * sqrt(periodsPerYear)} (Sharpe, "The Sharpe Ratio", Journal of Portfolio Management 21(1), 1994;
   * the √q scaling for IID returns per Lo, "The Statistics of Sharpe Ratios", Financial Analysts
   * Journal 58(4), 2002). 0 when the standard deviation is 0.
   */
  public static double sharpeRatio(double[] returns, double periodsPerYear) {
    double std = sampleStandardDeviation(returns);
    return std == 0 ? 0 : mean(returns) / std * Math.sqrt(periodsPerYear);
  }

  /**
   * Annualised Sortino ratio with target 0: {@code mean / downsideDeviation × sqrt(periodsPerYear)}
   * (sources at {@link #downsideDeviation}). 0 when the downside deviation is 0, i.e. no losing
   * period: like the Sharpe ratio at zero dispersion, the ratio is then unbounded and reported as
   * 0.
   */
  public static double sortinoRatio(double[] returns, double periodsPerYear) {
    double downside = downsideDeviation(returns);
    return downside == 0 ? 0 : mean(returns) / downside * Math.sqrt(periodsPerYear);
  }

  /**
   * Maximum drawdown as a positive fraction: the largest {@code (peak − value) / peak} over the
   * curve, peak being the running maximum so far (Magdon-Ismail &amp; Atiya, "Maximum Drawdown",
   * Risk 17(10), 2004). 0 for a curve that never falls below its running peak.
   */
  public static double maxDrawdown(double[] equity) {
    double peak = Double.NEGATIVE_INFINITY;
    double worst = 0;
    for (double value : equity) {
      if (value > peak) {
        peak = value;
      } else if (peak > 0) {
        worst = Math.max(worst, (peak - value) / peak);
      }
    }
    return worst;
  }

  /**
   * Longest drawdown in bars: for each fall below a running peak, the bars from the peak to the
   * first bar whose value is back at or above it, or to the last bar if the curve never recovers;
   * the largest such span. 0 for a curve that never falls below its running peak. E.g. {@code 1,
   * 1.2, 0.9, 1.1, 0.6, 1.3}: peak 1.2 at bar 1, recovered at bar 5, 4 bars.
   */
  public static int maxDrawdownBars(double[] equity) {
    int longest = 0;
    double peak = Double.NEGATIVE_INFINITY;
    int peakIndex = 0;
    boolean below = false;
    for (int k = 0; k < equity.length; k++) {
      if (equity[k] >= peak) {
        if (below) {
          longest = Math.max(longest, k - peakIndex);
          below = false;
        }
        peak = equity[k];
        peakIndex = k;
      } else {
        below = true;
      }
    }
    if (below) {
      longest = Math.max(longest, equity.length - 1 - peakIndex);
    }
    return longest;
  }

  /**
   * Sample skewness from population moments, {@code g1 = m3 / m2^(3/2)} with {@code m_k = Σ(x −
   * mean)^k / n} (Joanes &amp; Gill, "Comparing measures of sample skewness and kurtosis", The
   * Statistician 47(1), 1998, their g1). NaN for fewer than two values or zero dispersion.
   */
  public static double skewness(double[] values) {
    double[] m = centralMoments(values);
    return m == null ? Double.NaN : m[1] / Math.pow(m[0], 1.5);
  }

  /**
   * Raw (not excess) kurtosis from population moments, {@code m4 / m2²} (Joanes &amp; Gill 1998, g2
   * + 3): about 3 for normal data, the γ4 of the probabilistic Sharpe ratio (Bailey &amp; López de
   * Prado, "The Sharpe Ratio Efficient Frontier", Journal of Risk 15(2), 2012). NaN for fewer than
   * two values or zero dispersion.
   */
  public static double kurtosis(double[] values) {
    double[] m = centralMoments(values);
    return m == null ? Double.NaN : m[2] / (m[0] * m[0]);
  }

  /** {m2, m3, m4} about the mean, or null when undefined. */
  private static double[] centralMoments(double[] values) {
    int n = values.length;
    if (n < 2) {
      return null;
    }
    double mean = mean(values);
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (double v : values) {
      double d = v - mean;
      double d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    if (m2 == 0) {
      return null;
    }
    return new double[] {m2 / n, m3 / n, m4 / n};
  }
}

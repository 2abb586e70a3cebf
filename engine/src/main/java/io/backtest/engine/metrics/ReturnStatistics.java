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
}

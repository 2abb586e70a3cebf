package io.backtest.regime;

/**
 * Realised volatility computed directly, the textbook way, as the independent reference for the
 * service's incremental sums: log returns of consecutive closes, their mean, the sample variance
 * from the deviations (two passes), the square root, times √barsPerYear.
 */
public final class TwoPassVolatility {
  private TwoPassVolatility() {}

  /** Volatility of closes in time order; NaN with fewer than three closes. */
  public static double of(double[] closes, double barsPerYear) {
    int n = closes.length - 1;
    if (n < 2) {
      return Double.NaN;
    }
    double[] returns = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      returns[i] = Math.log(closes[i + 1] / closes[i]);
      mean += returns[i];
    }
    mean /= n;
    double squares = 0;
    for (double r : returns) {
      squares += (r - mean) * (r - mean);
    }
    return Math.sqrt(squares / (n - 1)) * Math.sqrt(barsPerYear);
  }
}

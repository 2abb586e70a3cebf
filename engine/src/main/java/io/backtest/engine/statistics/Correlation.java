package io.backtest.engine.statistics;

/** Pearson's correlation coefficient. */
public final class Correlation {

  private Correlation() {}

  /**
   * Pearson correlation of two series of equal length, two-pass; 0 when either series is constant
   * (a strategy that never moved co-moves with nothing), NaN for fewer than two points.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double pearson(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
    }
    int n = a.length;
    if (n < 2) {
      return Double.NaN;
    }
    double meanA = 0;
    double meanB = 0;
    for (int i = 0; i < n; i++) {
      meanA += a[i];
      meanB += b[i];
    }
    meanA /= n;
    meanB /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[i] - meanA;
      double db = b[i] - meanB;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    if (saa == 0 || sbb == 0) {
      return 0;
    }
    return Math.clamp(sab / Math.sqrt(saa * sbb), -1.0, 1.0);
  }
}

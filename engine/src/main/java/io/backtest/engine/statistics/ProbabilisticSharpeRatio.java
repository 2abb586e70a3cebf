package io.backtest.engine.statistics;

/**
 * The probabilistic Sharpe ratio: the probability that the true Sharpe ratio exceeds a benchmark
 * SR*, given an observed Sharpe ratio over T returns with their skewness and kurtosis (Bailey &amp;
 * López de Prado, "The Sharpe Ratio Efficient Frontier", Journal of Risk 15(2), 2012, eq. 11):
 *
 * <pre>PSR(SR*) = Φ( (SR − SR*) · √(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4 · SR²) )</pre>
 *
 * <p>Every Sharpe ratio here is per period (not annualised), and γ₄ is the <em>raw</em> kurtosis, 3
 * for normal returns: passing the excess kurtosis instead understates the standard error.
 */
public final class ProbabilisticSharpeRatio {

  private ProbabilisticSharpeRatio() {}

  /**
   * PSR of {@code sharpe} against {@code benchmark}.
   *
   * @param sharpe observed per-period Sharpe ratio
   * @param benchmark per-period benchmark SR*
   * @param observations T, the number of returns (at least 2)
   * @param skewness γ₃ of the returns
   * @param kurtosis raw γ₄ of the returns
   * @return a probability; 0 or 1 when the denominator is not positive (the variance formula does
   *     not apply to such extreme moments), by the sign of {@code sharpe − benchmark}
   */
  public static double of(
      double sharpe, double benchmark, long observations, double skewness, double kurtosis) {
    if (observations < 2) {
      throw new IllegalArgumentException("need at least 2 observations but got " + observations);
    }
    double variance = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
    double difference = sharpe - benchmark;
    if (!(variance > 0)) {
      return difference > 0 ? 1 : 0;
    }
    return NormalDistribution.cdf(difference * Math.sqrt(observations - 1.0) / Math.sqrt(variance));
  }
}

package io.backtest.engine.statistics;

import static io.backtest.engine.statistics.NormalDistribution.EULER_MASCHERONI;
import static io.backtest.engine.statistics.NormalDistribution.inverseCdf;

/**
 * The deflated Sharpe ratio: the probabilistic Sharpe ratio against the Sharpe ratio that the best
 * of N independent trials with true Sharpe ratio 0 reaches by luck (Bailey &amp; López de Prado,
 * "The Deflated Sharpe Ratio: Correcting for Selection Bias, Backtest Overfitting and
 * Non-Normality", Journal of Portfolio Management 40(5), 2014, eq. 2 and the appendix):
 *
 * <pre>
 * SR₀ = √V[SR] · ( (1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)) )
 * DSR = PSR(SR₀)
 * </pre>
 *
 * with γ the Euler-Mascheroni constant and V[SR] the variance of the trials' Sharpe ratios. Units
 * are per period throughout: an annualised variance is divided by the periods per year.
 */
public final class DeflatedSharpeRatio {

  private DeflatedSharpeRatio() {}

  /**
   * E[max of N standard normals], approximately: {@code (1 − γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N·e))}; 0
   * for one trial (no selection).
   */
  public static double expectedMaximumZ(long trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1 but was " + trials);
    }
    if (trials == 1) {
      return 0;
    }
    double n = trials;
    return (1 - EULER_MASCHERONI) * inverseCdf(1 - 1 / n)
        + EULER_MASCHERONI * inverseCdf(1 - 1 / (n * Math.E));
  }

  /**
   * SR₀, the expected maximum Sharpe ratio of {@code trials} trials of true Sharpe ratio 0 whose
   * Sharpe ratios vary with {@code sharpeVariance} (same units as the result).
   */
  public static double expectedMaximumSharpe(double sharpeVariance, long trials) {
    if (!(sharpeVariance >= 0)) {
      throw new IllegalArgumentException("variance must be >= 0 but was " + sharpeVariance);
    }
    return Math.sqrt(sharpeVariance) * expectedMaximumZ(trials);
  }

  /**
   * The DSR.
   *
   * @param sharpe observed per-period Sharpe ratio of the selected strategy
   * @param observations its number of returns T
   * @param skewness skewness of its returns
   * @param kurtosis raw kurtosis of its returns (3 for normal)
   * @param sharpeVariance per-period variance of the trials' Sharpe ratios
   * @param trials N, every trial of the selection
   */
  public static double of(
      double sharpe,
      long observations,
      double skewness,
      double kurtosis,
      double sharpeVariance,
      long trials) {
    return ProbabilisticSharpeRatio.of(
        sharpe, expectedMaximumSharpe(sharpeVariance, trials), observations, skewness, kurtosis);
  }
}

package io.backtest.engine.drift;

import io.backtest.engine.statistics.NormalDistribution;
import io.backtest.engine.statistics.ProbabilisticSharpeRatio;

/**
 * Is the live Sharpe ratio still compatible with the backtest's? Once the live record reaches the
 * minimum track record length, the probabilistic Sharpe ratio of the live returns against the
 * promised Sharpe ratio, {@code PSR(SR_backtest)}, is the probability that the true Sharpe ratio is
 * at least the promised one; the check alarms when it falls below a threshold (Bailey &amp; López
 * de Prado, "The Sharpe Ratio Efficient Frontier", Journal of Risk 15(2), 2012: the PSR of their
 * eq. 11, {@link ProbabilisticSharpeRatio}, and their minimum track record length):
 *
 * <pre>
 * PSR(SR*) = Φ( (ŜR − SR*) · √(n − 1) / √(1 − γ₃·ŜR + (γ₄ − 1)/4 · ŜR²) )
 * MinTRL   = 1 + (1 − γ₃·SR + (γ₄ − 1)/4 · SR²) · ( Φ⁻¹(confidence) / (SR − SR*) )²
 * </pre>
 *
 * with ŜR the live per-period Sharpe ratio (mean over sample standard deviation), γ₃ and γ₄ the
 * live skewness and raw kurtosis, all updated in O(1) a point (Pébay, "Formulas for Robust,
 * One-Pass Parallel Computation of Covariances and Arbitrary-Order Statistical Moments", Sandia
 * report SAND2008-6212, 2008, adding one point at a time).
 *
 * <p><b>When it starts.</b> The check waits for the MinTRL of the promise itself: the record length
 * at which a strategy with the promised Sharpe ratio SR (normal returns, γ₃ = 0, γ₄ = 3) would be
 * told from a Sharpe ratio of 0 at {@code confidence}. Before that even a perfect live record
 * cannot support the promise, so it cannot contradict it either. At that length a live Sharpe ratio
 * of exactly 0 gives PSR(SR) ≈ 1 − confidence, so with confidence 0.95 the check is just able to
 * see a vanished edge at a threshold of 0.05. At an annual Sharpe ratio of 2 on daily points,
 * MinTRL = 1 + (1 + 0.126²/2)(1.645/0.126)² = 173 points.
 *
 * <p><b>Repeated looks.</b> The PSR is tested at every point from then on, and a test repeated
 * every point rejects a true promise eventually (the law of the iterated logarithm), the more so
 * just after MinTRL, when the estimate is least settled. So the threshold is not the false-alarm
 * rate, and the default is far below 0.05: in {@link DriftExperiment} (annual Sharpe ratio 2, 200
 * strategies exactly as promised, 500 daily points each) a threshold of 0.05 raised 40 alarms among
 * them, 0.01 raised 14 and 0.001 raised 3, as many as the default {@link CusumDetector}.
 *
 * <p><b>Parameters.</b>
 *
 * <ul>
 *   <li>{@code promisedSharpe}: the backtest's Sharpe ratio per period, SR* of the test (the
 *       annualised figure over √pointsPerYear). The check is off when it is not positive: no MinTRL
 *       exists and a live record below a non-positive promise is no drift.
 *   <li>{@code threshold}, default {@value #DEFAULT_THRESHOLD}: alarm when PSR(SR*) is below it.
 *       Chosen with {@link DriftExperiment} so that a strategy exactly as good as promised alarms
 *       less than once per 10,000 points, repeated looks included.
 *   <li>{@code confidence}, default {@value #DEFAULT_CONFIDENCE}: the confidence of the MinTRL that
 *       delays the first look, the paper's usual 95 %.
 * </ul>
 */
public final class LiveSharpeCheck {

  /** Default alarm threshold of PSR(SR*). */
  public static final double DEFAULT_THRESHOLD = 0.001;

  /** Default confidence of the minimum track record length. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  private final double promisedSharpe;
  private final double threshold;
  private final double confidence;
  private final long minimumTrackRecord;
  private long n;
  private double mean;
  private double m2;
  private double m3;
  private double m4;
  private double psr = Double.NaN;

  /**
   * A check against a promised per-period Sharpe ratio.
   *
   * @param promisedSharpe the backtest's per-period Sharpe ratio
   * @param threshold alarm below this PSR, in (0, 1)
   * @param confidence confidence of the MinTRL, in (0.5, 1)
   */
  public LiveSharpeCheck(double promisedSharpe, double threshold, double confidence) {
    if (!Double.isFinite(promisedSharpe)) {
      throw new IllegalArgumentException("promisedSharpe must be finite");
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1) but was " + threshold);
    }
    if (!(confidence > 0.5 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0.5, 1) but was " + confidence);
    }
    this.promisedSharpe = promisedSharpe;
    this.threshold = threshold;
    this.confidence = confidence;
    this.minimumTrackRecord =
        promisedSharpe > 0
            ? Math.max(
                3,
                (long)
                    Math.ceil(minimumTrackRecordLength(promisedSharpe, 0, 0, 3, confidence) - 1e-9))
            : Long.MAX_VALUE;
  }

  /** The check with the default threshold and confidence. */
  public static LiveSharpeCheck withDefaults(double promisedSharpe) {
    return new LiveSharpeCheck(promisedSharpe, DEFAULT_THRESHOLD, DEFAULT_CONFIDENCE);
  }

  /**
   * The minimum track record length of Bailey &amp; López de Prado (2012): the number of returns at
   * which an observed per-period Sharpe ratio {@code sharpe} with the given skewness and raw
   * kurtosis makes the true Sharpe ratio exceed {@code benchmark} with probability {@code
   * confidence}.
   *
   * @return MinTRL in periods, not rounded; +∞ when {@code sharpe ≤ benchmark} or the variance term
   *     is not positive
   */
  public static double minimumTrackRecordLength(
      double sharpe, double benchmark, double skewness, double kurtosis, double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1) but was " + confidence);
    }
    double variance = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
    if (!(sharpe > benchmark) || !(variance > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double ratio = NormalDistribution.inverseCdf(confidence) / (sharpe - benchmark);
    return 1 + variance * ratio * ratio;
  }

  /**
   * Takes the next per-period return.
   *
   * @return whether PSR(promised Sharpe ratio) is now below the threshold (never before MinTRL)
   * @throws IllegalArgumentException if the return is not finite
   */
  public boolean update(double periodReturn) {
    if (!Double.isFinite(periodReturn)) {
      throw new IllegalArgumentException("a return must be finite but was " + periodReturn);
    }
    // Pébay (2008): central moment sums updated with one new point, M4 and M3 from the old M2, M3
    long previous = n;
    n++;
    double delta = periodReturn - mean;
    double deltaN = delta / n;
    double deltaN2 = deltaN * deltaN;
    double term = delta * deltaN * previous;
    mean += deltaN;
    m4 += term * deltaN2 * ((double) n * n - 3.0 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
    m3 += term * deltaN * (n - 2) - 3 * deltaN * m2;
    m2 += term;
    if (n < minimumTrackRecord || !(m2 > 0)) {
      psr = Double.NaN;
      return false;
    }
    psr = ProbabilisticSharpeRatio.of(sharpe(), promisedSharpe, n, skewness(), kurtosis());
    return psr < threshold;
  }

  /** Live per-period Sharpe ratio, mean over sample standard deviation; NaN before 2 returns. */
  public double sharpe() {
    return n < 2 || !(m2 > 0) ? Double.NaN : mean / Math.sqrt(m2 / (n - 1));
  }

  /** Live skewness from population moments, {@code √n·M3 / M2^1.5}. */
  public double skewness() {
    return m2 > 0 ? Math.sqrt(n) * m3 / Math.pow(m2, 1.5) : Double.NaN;
  }

  /** Live raw kurtosis from population moments, {@code n·M4 / M2²}. */
  public double kurtosis() {
    return m2 > 0 ? n * m4 / (m2 * m2) : Double.NaN;
  }

  /** The last PSR(promised Sharpe ratio); NaN before MinTRL. */
  public double probabilisticSharpeRatio() {
    return psr;
  }

  /** The record length before the first look, MinTRL rounded up (at least 3). */
  public long minimumTrackRecord() {
    return minimumTrackRecord;
  }

  /** The promised per-period Sharpe ratio. */
  public double promisedSharpe() {
    return promisedSharpe;
  }

  /** The alarm threshold. */
  public double threshold() {
    return threshold;
  }

  /** The confidence of the MinTRL. */
  public double confidence() {
    return confidence;
  }

  /** Returns taken since the last restart. */
  public long observations() {
    return n;
  }

  /** Forgets the live record, as after an alarm. */
  public void reset() {
    n = 0;
    mean = 0;
    m2 = 0;
    m3 = 0;
    m4 = 0;
    psr = Double.NaN;
  }
}

package io.backtest.engine.drift;

import io.backtest.contracts.events.ExpectedPerformance;

/**
 * Two-sided Page–Hinkley test on standardised returns {@code z = (r − meanReturn) / returnStdev}
 * (Page, "Continuous Inspection Schemes", Biometrika 41(1/2), 1954; Hinkley, "Inference about the
 * change-point from cumulative sum tests", Biometrika 58(3), 1971), in its cumulative-sum form:
 *
 * <pre>
 * m⁺_T = Σ_{t≤T} (z_t − δ),   PH⁺_T = m⁺_T − min_{0≤t≤T} m⁺_t      (the mean rose)
 * m⁻_T = Σ_{t≤T} (z_t + δ),   PH⁻_T = max_{0≤t≤T} m⁻_t − m⁻_T      (the mean fell)
 * alarm when PH⁺_T &gt; λ or PH⁻_T &gt; λ,   m_0 = 0
 * </pre>
 *
 * The change-point estimate is the t of that minimum (maximum), Hinkley's maximum-likelihood
 * estimate.
 *
 * <p><b>Reference mean.</b> The reference is the promised mean (0 after standardising), not the
 * running mean of the live returns that the data-stream variant uses (Mouss et al., "Test of
 * Page-Hinkley, an approach for fault detection in an agro-alimentary production system", Asian
 * Control Conference 2004; Gama et al., "A survey on concept drift adaptation", ACM Computing
 * Surveys 46(4), 2014). The running mean chases the change it should detect: after τ good points
 * and a fall of s, the fall statistic drifts by about {@code δ − s·τ/t} a point, which with δ = s/2
 * turns positive at t = 2τ having gained at most {@code (ln 2 − 1/2)·s·τ}, about 12 standard
 * deviations for s = 0.126 and τ = 500: it never reaches a threshold near 50 and a vanished edge
 * goes unseen. Nor could it see an edge that was never there from the first live bar.
 *
 * <p><b>Equivalence.</b> With the known reference, {@code PH⁺_T} equals the tabular CUSUM's {@code
 * C⁺_T} at {@code k = δ} and {@code PH⁻_T} its {@code C⁻_T} (Basseville &amp; Nikiforov, "Detection
 * of Abrupt Changes: Theory and Application", Prentice Hall 1993, §2.2), so the two detectors alarm
 * at the same points; the tests check it. {@link CusumDetector} is the default because its state
 * stays bounded while {@code m_T} grows by about δ a point for as long as the strategy runs.
 *
 * <p><b>Parameters.</b>
 *
 * <ul>
 *   <li>{@code δ}, the magnitude of change tolerated, in standard deviations. Default: half the
 *       promised per-period Sharpe ratio, as {@link CusumDetector}'s k and for the same reason (the
 *       likelihood-ratio test for a vanished edge); 0.5 when no positive edge was promised.
 *   <li>{@code λ}, the threshold, in standard deviations. Default: {@link CusumDetector}'s h for
 *       the same in-control average run length (the larger of 40,000 points and 100 years), since
 *       the statistics are the same: 50.2 at δ = 0.063.
 * </ul>
 */
public final class PageHinkleyDetector implements ChangeDetector {

  private final double delta;
  private final double lambda;
  private double risingSum;
  private double risingMin;
  private long risingMinAt;
  private double fallingSum;
  private double fallingMax;
  private long fallingMaxAt;
  private long observations;

  /**
   * A Page–Hinkley test with the given tolerance and threshold.
   *
   * @param delta magnitude of change tolerated δ, in standard deviations, ≥ 0
   * @param lambda threshold λ, in standard deviations, &gt; 0
   */
  public PageHinkleyDetector(double delta, double lambda) {
    if (!(delta >= 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("delta must be finite and >= 0 but was " + delta);
    }
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and > 0 but was " + lambda);
    }
    this.delta = delta;
    this.lambda = lambda;
  }

  /** The test with the default parameters (see the class comment) for a promised performance. */
  public static PageHinkleyDetector forExpected(ExpectedPerformance expected) {
    double delta = CusumDetector.defaultReference(expected);
    return new PageHinkleyDetector(
        delta,
        CusumDetector.thresholdFor(delta, CusumDetector.defaultInControlRunLength(expected)));
  }

  @Override
  public String name() {
    return "Page-Hinkley";
  }

  @Override
  public boolean update(double z) {
    if (!Double.isFinite(z)) {
      throw new IllegalArgumentException("z must be finite but was " + z);
    }
    observations++;
    risingSum += z - delta;
    if (risingSum <= risingMin) {
      risingMin = risingSum;
      risingMinAt = observations;
    }
    fallingSum += z + delta;
    if (fallingSum >= fallingMax) {
      fallingMax = fallingSum;
      fallingMaxAt = observations;
    }
    return risingStatistic() > lambda || fallingStatistic() > lambda;
  }

  /** PH⁺, the statistic for a rise of the mean. */
  public double risingStatistic() {
    return risingSum - risingMin;
  }

  /** PH⁻, the statistic for a fall of the mean. */
  public double fallingStatistic() {
    return fallingMax - fallingSum;
  }

  @Override
  public double statistic() {
    return Math.max(risingStatistic(), fallingStatistic());
  }

  @Override
  public double threshold() {
    return lambda;
  }

  @Override
  public boolean falling() {
    return fallingStatistic() > risingStatistic();
  }

  @Override
  public long pointsSinceChange() {
    return observations - (falling() ? fallingMaxAt : risingMinAt);
  }

  @Override
  public long observations() {
    return observations;
  }

  @Override
  public void reset() {
    risingSum = 0;
    risingMin = 0;
    risingMinAt = 0;
    fallingSum = 0;
    fallingMax = 0;
    fallingMaxAt = 0;
    observations = 0;
  }
}

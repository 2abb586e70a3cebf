package io.backtest.engine.drift;

import io.backtest.contracts.events.ExpectedPerformance;

/**
 * Two-sided tabular CUSUM on standardised returns (Page, "Continuous Inspection Schemes",
 * Biometrika 41(1/2), 1954; in the tabular form of Montgomery, "Introduction to Statistical Quality
 * Control", 7th ed., Wiley 2013, §9.1.2):
 *
 * <pre>
 * C⁺ᵢ = max(0, C⁺ᵢ₋₁ + zᵢ − k)      (the mean rose)
 * C⁻ᵢ = max(0, C⁻ᵢ₋₁ − zᵢ − k)      (the mean fell)
 * alarm when C⁺ᵢ &gt; h or C⁻ᵢ &gt; h
 * </pre>
 *
 * on {@code z = (r − meanReturn) / returnStdev}, about N(0, 1) while the strategy behaves as
 * promised. This is the default detector of {@link DriftMonitor}: its state stays bounded (0 ≤ C ≤
 * h + |z|) however long the strategy runs, and its threshold has a closed-form calibration,
 * Siegmund's approximation of the average run length ({@link #averageRunLength}). {@link
 * PageHinkleyDetector} makes the same decisions in another form.
 *
 * <p><b>Parameters.</b>
 *
 * <ul>
 *   <li>{@code k}, the reference value, in standard deviations: drifts of the mean smaller than
 *       {@code k} are absorbed. Default: half the promised per-period Sharpe ratio {@code
 *       meanReturn / returnStdev}, because a vanished edge shifts z by exactly minus that Sharpe
 *       ratio and k = shift / 2 is the choice that makes CUSUM the sequential likelihood-ratio test
 *       for that shift, optimal in Lorden's sense (Moustakides, "Optimal stopping times for
 *       detecting changes in distributions", Annals of Statistics 14(4), 1986). At an annualised
 *       Sharpe ratio of 2 on daily points that is k = 2 / √252 / 2 = 0.063. When the promised
 *       Sharpe ratio is not positive there is no edge to lose and k falls back to Montgomery's 0.5
 *       (a one-standard-deviation shift).
 *   <li>{@code h}, the decision interval, in standard deviations. Default: the h whose two-sided
 *       in-control average run length is {@link #defaultInControlRunLength} — the larger of {@value
 *       #DEFAULT_IN_CONTROL_POINTS} points and {@value #DEFAULT_IN_CONTROL_YEARS} years of points —
 *       solved from Siegmund's approximation ({@link #thresholdFor}). 40,000 points is four times
 *       the budget of one false alarm per 10,000 bars, leaving room for fat tails and for the
 *       approximation's error; the 100 years keep intraday points (thousands a year) from alarming
 *       every few months. At k = 0.063 this gives h = 50.15; at k = 0.5, h = 9.43.
 * </ul>
 */
public final class CusumDetector implements ChangeDetector {

  /** Floor of the default in-control average run length, in points. */
  public static final double DEFAULT_IN_CONTROL_POINTS = 40_000;

  /** Floor of the default in-control average run length, in years. */
  public static final double DEFAULT_IN_CONTROL_YEARS = 100;

  /** Reference value when no positive edge was promised (Montgomery's default). */
  public static final double FALLBACK_REFERENCE = 0.5;

  /** Siegmund's correction for the overshoot of a normal random walk over the boundary. */
  static final double OVERSHOOT = 1.166;

  private final double k;
  private final double h;
  private double upper;
  private double lower;
  private long upperRun;
  private long lowerRun;
  private long observations;

  /**
   * A CUSUM with the given reference value and decision interval.
   *
   * @param k reference value in standard deviations, ≥ 0
   * @param h decision interval in standard deviations, &gt; 0
   */
  public CusumDetector(double k, double h) {
    if (!(k >= 0) || Double.isInfinite(k)) {
      throw new IllegalArgumentException("k must be finite and >= 0 but was " + k);
    }
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("h must be finite and > 0 but was " + h);
    }
    this.k = k;
    this.h = h;
  }

  /**
   * The CUSUM designed to detect a shift of {@code shift} standard deviations in either direction:
   * k = shift / 2 and h from {@link #thresholdFor} at {@code inControlRunLength}.
   */
  public static CusumDetector forShift(double shift, double inControlRunLength) {
    double k = shift / 2;
    return new CusumDetector(k, thresholdFor(k, inControlRunLength));
  }

  /** The CUSUM with the default parameters (see the class comment) for a promised performance. */
  public static CusumDetector forExpected(ExpectedPerformance expected) {
    return forShift(2 * defaultReference(expected), defaultInControlRunLength(expected));
  }

  /**
   * Default k: half the promised per-period Sharpe ratio {@code meanReturn / returnStdev}, or
   * {@value #FALLBACK_REFERENCE} when that is not positive.
   */
  public static double defaultReference(ExpectedPerformance expected) {
    double sharpe = expected.returnStdev() > 0 ? expected.meanReturn() / expected.returnStdev() : 0;
    return sharpe > 0 ? sharpe / 2 : FALLBACK_REFERENCE;
  }

  /**
   * Default in-control average run length in points: the larger of {@value
   * #DEFAULT_IN_CONTROL_POINTS} points and {@value #DEFAULT_IN_CONTROL_YEARS} years of {@code
   * pointsPerYear}.
   */
  public static double defaultInControlRunLength(ExpectedPerformance expected) {
    return Math.max(
        DEFAULT_IN_CONTROL_POINTS,
        DEFAULT_IN_CONTROL_YEARS * Math.max(0, expected.pointsPerYear()));
  }

  /**
   * Siegmund's approximation of the average run length of the one-sided upper CUSUM {@code C⁺} with
   * reference {@code k} and interval {@code h} on N(mean, 1) observations (Siegmund, "Sequential
   * Analysis: Tests and Confidence Intervals", Springer 1985; Montgomery 2013, §9.1.4):
   *
   * <pre>ARL ≈ (exp(−2Δb) + 2Δb − 1) / (2Δ²),  Δ = mean − k,  b = h + 1.166   (b² when Δ = 0)</pre>
   *
   * The lower side {@code C⁻} has the same run length at {@code −mean}.
   */
  public static double averageRunLength(double k, double h, double mean) {
    double delta = mean - k;
    double b = h + OVERSHOOT;
    if (Math.abs(delta) < 1e-9) {
      return b * b;
    }
    double x = 2 * delta * b;
    return (Math.exp(-x) + x - 1) / (2 * delta * delta);
  }

  /**
   * Two-sided average run length, {@code 1 / ARL = 1 / ARL⁺ + 1 / ARL⁻} (Montgomery 2013, §9.1.4),
   * each side by {@link #averageRunLength}.
   */
  public static double twoSidedRunLength(double k, double h, double mean) {
    double up = averageRunLength(k, h, mean);
    double down = averageRunLength(k, h, -mean);
    return 1 / (1 / up + 1 / down);
  }

  /**
   * The decision interval h whose two-sided in-control (mean 0) average run length is {@code
   * runLength} by Siegmund's approximation, solved by bisection to 1e-9; the smallest positive
   * interval (1e-9) when even that is too long.
   *
   * @throws IllegalArgumentException unless k ≥ 0 and the run length is at least 1
   */
  public static double thresholdFor(double k, double runLength) {
    if (!(k >= 0) || Double.isInfinite(k)) {
      throw new IllegalArgumentException("k must be finite and >= 0 but was " + k);
    }
    if (!(runLength >= 1) || Double.isInfinite(runLength)) {
      throw new IllegalArgumentException("runLength must be finite and >= 1 but was " + runLength);
    }
    double lo = 1e-9;
    if (twoSidedRunLength(k, lo, 0) >= runLength) {
      return lo;
    }
    double hi = 1;
    while (twoSidedRunLength(k, hi, 0) < runLength) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1e-9) {
      double mid = (lo + hi) / 2;
      if (twoSidedRunLength(k, mid, 0) < runLength) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  @Override
  public String name() {
    return "CUSUM";
  }

  @Override
  public boolean update(double z) {
    if (!Double.isFinite(z)) {
      throw new IllegalArgumentException("z must be finite but was " + z);
    }
    observations++;
    upper = Math.max(0, upper + z - k);
    lower = Math.max(0, lower - z - k);
    upperRun = upper > 0 ? upperRun + 1 : 0;
    lowerRun = lower > 0 ? lowerRun + 1 : 0;
    return upper > h || lower > h;
  }

  /** C⁺, the statistic for a rise of the mean. */
  public double upper() {
    return upper;
  }

  /** C⁻, the statistic for a fall of the mean. */
  public double lower() {
    return lower;
  }

  /** The reference value k. */
  public double reference() {
    return k;
  }

  @Override
  public double statistic() {
    return Math.max(upper, lower);
  }

  @Override
  public double threshold() {
    return h;
  }

  @Override
  public boolean falling() {
    return lower > upper;
  }

  @Override
  public long pointsSinceChange() {
    return falling() ? lowerRun : upperRun;
  }

  @Override
  public long observations() {
    return observations;
  }

  @Override
  public void reset() {
    upper = 0;
    lower = 0;
    upperRun = 0;
    lowerRun = 0;
    observations = 0;
  }
}

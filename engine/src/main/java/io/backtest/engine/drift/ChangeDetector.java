package io.backtest.engine.drift;

/**
 * A two-sided sequential test for a shift in the mean of standardised returns {@code z = (r −
 * meanReturn) / returnStdev}, which are about N(0, 1) while the strategy behaves as promised. Both
 * implementations, {@link CusumDetector} and {@link PageHinkleyDetector}, are O(1) a point.
 */
public interface ChangeDetector {

  /** The detector's name in {@link DriftDetection#detector()}. */
  String name();

  /**
   * Takes the next standardised return.
   *
   * @return whether the statistic now exceeds the threshold
   * @throws IllegalArgumentException if {@code z} is not finite
   */
  boolean update(double z);

  /** The larger of the two one-sided statistics, in standard deviations (0 after a restart). */
  double statistic();

  /** The alarm threshold of {@link #statistic()}. */
  double threshold();

  /** Whether the larger one-sided statistic is the one for a fall of the mean. */
  boolean falling();

  /**
   * Points since the larger one-sided statistic was last 0: the change-point estimate of Page's
   * procedure (Montgomery, "Introduction to Statistical Quality Control", 7th ed., Wiley 2013,
   * §9.1.2), equivalently Hinkley's maximum-likelihood change point for known means (Hinkley,
   * "Inference about the change-point from cumulative sum tests", Biometrika 58(3), 1971).
   */
  long pointsSinceChange();

  /** Points taken since the last restart. */
  long observations();

  /** Restarts from zero, as after an alarm. */
  void reset();
}

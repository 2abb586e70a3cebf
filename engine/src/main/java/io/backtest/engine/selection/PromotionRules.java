package io.backtest.engine.selection;

/**
 * The promotion gate's settings; {@link #DEFAULT} holds the documented defaults.
 *
 * @param minDeflatedSharpe minimum deflated Sharpe ratio (inclusive), default 0.95
 * @param maxProbabilityOfOosLoss the cycle's CSCV probability of out-of-sample loss must be below
 *     this, default 0.2
 * @param maxDrawdown maximum out-of-sample drawdown (inclusive), the loss tolerance, default 0.20
 * @param minTrades minimum trade count (inclusive), default 10
 * @param minTStatistic minimum t-statistic of the stitched out-of-sample mean return (inclusive),
 *     default 2.0
 * @param requireMinBacktestLength whether the record must be at least the minimum backtest length
 *     for its trials, default true
 * @param maxCorrelation a candidate is taken only if its |correlation| with every live strategy and
 *     every candidate taken before it is below this, default 0.7
 * @param replacementMargin a candidate replaces the weakest live strategy of a full live set only
 *     if its score is higher by more than this, default 0.05
 * @param cap maximum number of live strategies, default 35
 * @param maxPerCycle maximum promotions by one cycle, default 35
 * @param requireRegimeFit whether a candidate must not be losing in the market's current regime
 *     (the {@code regime-fit} gate), default false
 * @param minRegimePoints out-of-sample points a candidate needs in the current regime of a detector
 *     for the regime-fit gate to judge it on that detector (fewer: not judged), default 20
 */
public record PromotionRules(
    double minDeflatedSharpe,
    double maxProbabilityOfOosLoss,
    double maxDrawdown,
    int minTrades,
    double minTStatistic,
    boolean requireMinBacktestLength,
    double maxCorrelation,
    double replacementMargin,
    int cap,
    int maxPerCycle,
    boolean requireRegimeFit,
    int minRegimePoints) {

  /** Default of {@link #minRegimePoints()}. */
  public static final int DEFAULT_MIN_REGIME_POINTS = 20;

  /** The documented defaults. */
  public static final PromotionRules DEFAULT =
      new PromotionRules(0.95, 0.2, 0.20, 10, 2.0, true, 0.7, 0.05, 35, 35);

  /** Rules without the regime-fit gate. */
  public PromotionRules(
      double minDeflatedSharpe,
      double maxProbabilityOfOosLoss,
      double maxDrawdown,
      int minTrades,
      double minTStatistic,
      boolean requireMinBacktestLength,
      double maxCorrelation,
      double replacementMargin,
      int cap,
      int maxPerCycle) {
    this(
        minDeflatedSharpe,
        maxProbabilityOfOosLoss,
        maxDrawdown,
        minTrades,
        minTStatistic,
        requireMinBacktestLength,
        maxCorrelation,
        replacementMargin,
        cap,
        maxPerCycle,
        false,
        DEFAULT_MIN_REGIME_POINTS);
  }

  public PromotionRules {
    within(minDeflatedSharpe, 0, 1, "minDeflatedSharpe");
    within(maxProbabilityOfOosLoss, 0, 1, "maxProbabilityOfOosLoss");
    within(maxDrawdown, 0, 1, "maxDrawdown");
    within(maxCorrelation, 0, 1, "maxCorrelation");
    within(replacementMargin, 0, Double.MAX_VALUE, "replacementMargin");
    if (!Double.isFinite(minTStatistic)) {
      throw new IllegalArgumentException("minTStatistic must be finite");
    }
    if (minTrades < 0) {
      throw new IllegalArgumentException("minTrades must be >= 0 but was " + minTrades);
    }
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be >= 1 but was " + cap);
    }
    if (maxPerCycle < 1) {
      throw new IllegalArgumentException("maxPerCycle must be >= 1 but was " + maxPerCycle);
    }
    if (minRegimePoints < 1) {
      throw new IllegalArgumentException("minRegimePoints must be >= 1 but was " + minRegimePoints);
    }
  }

  /** The same rules with another cap. */
  public PromotionRules withCap(int newCap) {
    return new PromotionRules(
        minDeflatedSharpe,
        maxProbabilityOfOosLoss,
        maxDrawdown,
        minTrades,
        minTStatistic,
        requireMinBacktestLength,
        maxCorrelation,
        replacementMargin,
        newCap,
        maxPerCycle,
        requireRegimeFit,
        minRegimePoints);
  }

  /**
   * The same rules with the regime-fit gate on ({@code required}) or off, judging a detector's
   * current regime from {@code minPoints} points in it.
   */
  public PromotionRules withRegimeFit(boolean required, int minPoints) {
    return new PromotionRules(
        minDeflatedSharpe,
        maxProbabilityOfOosLoss,
        maxDrawdown,
        minTrades,
        minTStatistic,
        requireMinBacktestLength,
        maxCorrelation,
        replacementMargin,
        cap,
        maxPerCycle,
        required,
        minPoints);
  }

  private static void within(double value, double min, double max, String field) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + max + "] but was " + value);
    }
  }
}

package io.backtest.engine.drift;

/**
 * Live drawdown beyond what the backtest allows: the drawdown of the live equity curve, {@code 1 −
 * equity / running peak} (Magdon-Ismail &amp; Atiya, "Maximum Drawdown", Risk 17(10), 2004),
 * exceeds {@code factor × backtest maxDrawdown} or {@code absoluteLimit}, whichever is smaller.
 *
 * <p>The curve compounds one simple return a bar from the (re)start. The state is the ratio of
 * equity to its running peak, so it stays in [0, 1] however long the strategy runs: O(1) a bar with
 * no overflow.
 *
 * <p>This is a risk limit rather than a test with a calibrated false-alarm rate: a strategy that
 * behaves exactly as promised still breaches any fixed drawdown limit eventually, the more often
 * the more volatile it is. When the log equity is a Brownian motion with drift μ &gt; 0 and
 * volatility σ, its drawdown (running maximum minus itself, a reflected Brownian motion) is in the
 * long run exponentially distributed with mean σ²/(2μ) (Harrison, "Brownian Motion and Stochastic
 * Flow Systems", Wiley 1985): at an annual volatility of 15 % and Sharpe ratio 2, μ = 0.30 −
 * 0.15²/2 = 0.289 and the mean is 3.9 % of log equity, so a 20 % drawdown (0.223 in log) lies about
 * 5.7 means deep.
 *
 * <p><b>Parameters.</b>
 *
 * <ul>
 *   <li>{@code backtestMaxDrawdown}: the promised maximum drawdown, a fraction. When it is not
 *       positive (a backtest that never lost) only the absolute limit applies, since any loss would
 *       otherwise alarm.
 *   <li>{@code factor}, default {@value #DEFAULT_FACTOR}: a backtest's maximum drawdown is one draw
 *       of a random variable that grows with the length of the record, so a longer live record may
 *       exceed it without anything being wrong; 1.5× leaves that room yet alarms long before ruin.
 *   <li>{@code absoluteLimit}, default {@value #DEFAULT_ABSOLUTE_LIMIT}: a loss no promise excuses,
 *       whatever the backtest showed.
 * </ul>
 */
public final class DrawdownBreach {

  /** Default multiple of the backtest's maximum drawdown. */
  public static final double DEFAULT_FACTOR = 1.5;

  /** Default absolute drawdown limit, a fraction. */
  public static final double DEFAULT_ABSOLUTE_LIMIT = 0.20;

  private final double backtestMaxDrawdown;
  private final double factor;
  private final double absoluteLimit;
  private final double limit;
  private double equityToPeak = 1;
  private long bars;
  private long barsSincePeak;

  /**
   * A breach detector.
   *
   * @param backtestMaxDrawdown the backtest's maximum drawdown, a fraction (≤ 0: absolute limit
   *     only)
   * @param factor multiple of it that alarms, &gt; 0
   * @param absoluteLimit drawdown that alarms regardless, in (0, 1]
   */
  public DrawdownBreach(double backtestMaxDrawdown, double factor, double absoluteLimit) {
    if (!Double.isFinite(backtestMaxDrawdown)) {
      throw new IllegalArgumentException("backtestMaxDrawdown must be finite");
    }
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be finite and > 0 but was " + factor);
    }
    if (!(absoluteLimit > 0 && absoluteLimit <= 1)) {
      throw new IllegalArgumentException(
          "absoluteLimit must be in (0, 1] but was " + absoluteLimit);
    }
    this.backtestMaxDrawdown = backtestMaxDrawdown;
    this.factor = factor;
    this.absoluteLimit = absoluteLimit;
    this.limit =
        backtestMaxDrawdown > 0
            ? Math.min(factor * backtestMaxDrawdown, absoluteLimit)
            : absoluteLimit;
  }

  /** The detector with the default factor and absolute limit. */
  public static DrawdownBreach withDefaults(double backtestMaxDrawdown) {
    return new DrawdownBreach(backtestMaxDrawdown, DEFAULT_FACTOR, DEFAULT_ABSOLUTE_LIMIT);
  }

  /**
   * Takes the next bar's simple return.
   *
   * @return whether the drawdown now exceeds the limit
   * @throws IllegalArgumentException if the return is not finite or below −1
   */
  public boolean update(double barReturn) {
    if (!Double.isFinite(barReturn) || barReturn < -1) {
      throw new IllegalArgumentException(
          "a bar return must be finite and >= -1 but was " + barReturn);
    }
    bars++;
    equityToPeak *= 1 + barReturn;
    if (equityToPeak >= 1) {
      equityToPeak = 1;
      barsSincePeak = 0;
    } else {
      barsSincePeak++;
    }
    return drawdown() > limit;
  }

  /** The current drawdown, a fraction in [0, 1]. */
  public double drawdown() {
    return 1 - equityToPeak;
  }

  /** The drawdown that alarms: {@code min(factor × backtestMaxDrawdown, absoluteLimit)}. */
  public double limit() {
    return limit;
  }

  /** Whether the limit is the absolute one rather than the multiple of the backtest's. */
  public boolean absoluteLimitBinds() {
    return !(backtestMaxDrawdown > 0) || absoluteLimit <= factor * backtestMaxDrawdown;
  }

  /** The promised maximum drawdown. */
  public double backtestMaxDrawdown() {
    return backtestMaxDrawdown;
  }

  /** The multiple of the promised maximum drawdown. */
  public double factor() {
    return factor;
  }

  /** Bars since the running peak (0 at a new peak). */
  public long barsSincePeak() {
    return barsSincePeak;
  }

  /** Bars taken since the last restart. */
  public long bars() {
    return bars;
  }

  /** Restarts the curve at a new peak, as after an alarm. */
  public void reset() {
    equityToPeak = 1;
    bars = 0;
    barsSincePeak = 0;
  }
}

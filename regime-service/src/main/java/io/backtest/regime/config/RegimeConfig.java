package io.backtest.regime.config;

import io.backtest.engine.regime.GaussianHiddenMarkovModel;
import io.backtest.engine.regime.HmmRegimeDetector;
import io.backtest.engine.regime.TrendRegimeDetector;
import io.backtest.engine.regime.VolatilityRegimeDetector;
import io.backtest.engine.regime.VolatilityRegimeDetector.Estimator;
import io.backtest.engine.regime.VolatilityRegimeDetector.Thresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Min;

/**
 * Settings of the regime service: the stored window and the parameters of the three detectors
 * (defaults = the engine's defaults, see the detectors' javadoc for why each value).
 */
@ConfigMapping(prefix = "regime")
public interface RegimeConfig {

  /**
   * Bars kept per symbol and timeframe: the most recent by bar time. The detectors are rebuilt from
   * these bars after a restart, so the window must cover their warm-up (the longest of the three:
   * 20,014 bars with the defaults: the volatility detector's window + trailing window − 1); the
   * default adds about 500 bars so that a rebuilt detector has applied its hysteresis and dwell for
   * a while before it meets live bars. Checked at start-up.
   */
  @WithName("window-size")
  @WithDefault("20500")
  @Min(2)
  int windowSize();

  /** The volatility detector ({@link VolatilityRegimeDetector}). */
  Volatility volatility();

  /** The trend detector ({@link TrendRegimeDetector}). */
  Trend trend();

  /** The hidden Markov model detector ({@link HmmRegimeDetector}). */
  Hmm hmm();

  /** {@code regime.volatility.*}: {@link VolatilityRegimeDetector.Settings}. */
  interface Volatility {
    /** Per-bar variance estimate: GARMAN_KLASS (open, high, low, close) or CLOSE_TO_CLOSE. */
    @WithDefault("GARMAN_KLASS")
    Estimator estimator();

    /** Bars in one volatility estimate. */
    @WithDefault("15")
    int window();

    /** Volatility estimates the thresholds are drawn from (at least 100). */
    @WithName("trailing-window")
    @WithDefault("20000")
    int trailingWindow();

    /** Bars between two threshold fits. */
    @WithName("refit-interval")
    @WithDefault("200")
    int refitInterval();

    /** How the thresholds are drawn: MIXTURE (distinct levels) or PERCENTILES (ranks). */
    @WithDefault("MIXTURE")
    Thresholds thresholds();

    /** Percentile of the lower threshold (PERCENTILES only). */
    @WithName("lower-percentile")
    @WithDefault("25")
    double lowerPercentile();

    /** Percentile of the upper threshold (PERCENTILES only). */
    @WithName("upper-percentile")
    @WithDefault("75")
    double upperPercentile();

    /** Least Ashman's D between adjacent mixture components for a fit to count (MIXTURE only). */
    @WithName("minimum-separation")
    @WithDefault("2")
    double minimumSeparation();

    /** Least share of the trailing window per mixture component (MIXTURE only). */
    @WithName("minimum-weight")
    @WithDefault("0.02")
    double minimumWeight();

    /** Margin past a threshold, in ln σ̂, before a bar points to another regime. */
    @WithDefault("0.2")
    double hysteresis();

    /** Consecutive bars a new regime must be pointed to before it is taken. */
    @WithName("confirmation-bars")
    @WithDefault("4")
    int confirmationBars();

    /** The engine's settings (which check every range). */
    default VolatilityRegimeDetector.Settings settings() {
      return new VolatilityRegimeDetector.Settings(
          estimator(),
          window(),
          trailingWindow(),
          refitInterval(),
          thresholds(),
          lowerPercentile(),
          upperPercentile(),
          minimumSeparation(),
          minimumWeight(),
          hysteresis(),
          confirmationBars());
    }
  }

  /** {@code regime.trend.*}: {@link TrendRegimeDetector.Settings}. */
  interface Trend {
    /** Wilder's period of ATR, +DM and −DM. */
    @WithDefault("14")
    int period();

    /** Period of the average of DX into ADX. */
    @WithName("adx-period")
    @WithDefault("14")
    int adxPeriod();

    /** ADX from which a trend is taken to exist. */
    @WithName("enter-threshold")
    @WithDefault("25")
    double enterThreshold();

    /** ADX below which a trend is taken to be over. */
    @WithName("exit-threshold")
    @WithDefault("20")
    double exitThreshold();

    /** Lead in DI points the opposite DI needs to reverse a trend directly. */
    @WithName("direction-margin")
    @WithDefault("5")
    double directionMargin();

    /** Consecutive bars a new regime must be pointed to before it is taken. */
    @WithName("confirmation-bars")
    @WithDefault("3")
    int confirmationBars();

    /** The engine's settings (which check every range). */
    default TrendRegimeDetector.Settings settings() {
      return new TrendRegimeDetector.Settings(
          period(),
          adxPeriod(),
          enterThreshold(),
          exitThreshold(),
          directionMargin(),
          confirmationBars());
    }
  }

  /** {@code regime.hmm.*}: the model's fit and {@link HmmRegimeDetector}'s filter. */
  interface Hmm {
    /** Hidden states: 2 (LOW, HIGH) or 3 (LOW, NORMAL, HIGH). */
    @WithDefault("3")
    int states();

    /**
     * Bars of the trailing window the model is fitted on (by Baum–Welch), and the warm-up: the
     * first fit comes once this many bars are in. The engine suggests the volatility detector's
     * trailing window (20,000), so that the history visits every regime.
     */
    @WithName("training-bars")
    @WithDefault("20000")
    int trainingBars();

    /**
     * Bars between refits on the trailing window: the engine's model knows only the regimes of its
     * training history, and refitting periodically is its remedy. A refit costs one Baum–Welch fit
     * (about a second on 20,000 bars), so it is not done every bar; the default is 5 % of the
     * training window. The engine has no default for this.
     */
    @WithName("refit-interval")
    @WithDefault("1000")
    int refitInterval();

    /** Consecutive bars a new state must be the most probable before it is taken. */
    @WithName("confirmation-bars")
    @WithDefault("" + HmmRegimeDetector.DEFAULT_CONFIRMATION_BARS)
    int confirmationBars();

    /** Most Baum–Welch re-estimations per fit. */
    @WithName("max-iterations")
    @WithDefault("" + GaussianHiddenMarkovModel.DEFAULT_MAX_ITERATIONS)
    int maxIterations();

    /** Baum–Welch stops once a re-estimation gains less log-likelihood per observation. */
    @WithDefault("1e-9")
    double tolerance();
  }
}

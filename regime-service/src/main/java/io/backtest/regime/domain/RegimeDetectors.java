package io.backtest.regime.domain;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.regime.GaussianHiddenMarkovModel;
import io.backtest.engine.regime.HmmRegimeDetector;
import io.backtest.engine.regime.RegimeChange;
import io.backtest.engine.regime.TrendRegime;
import io.backtest.engine.regime.TrendRegimeDetector;
import io.backtest.engine.regime.VolatilityRegime;
import io.backtest.engine.regime.VolatilityRegimeDetector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The three regime detectors of one symbol and timeframe, fed bar by bar in time order.
 *
 * <ul>
 *   <li>{@code volatility} and {@code trend}: the engine's {@link VolatilityRegimeDetector} and
 *       {@link TrendRegimeDetector}, fed every bar.
 *   <li>{@code hmm}: a {@link GaussianHiddenMarkovModel} of the log returns fitted by Baum–Welch on
 *       the last {@code trainingBars} closes once that many are in, then every {@code
 *       refitInterval} bars again on the trailing window (the engine's remedy for a model that
 *       missed a regime). Each fit gets a new {@link HmmRegimeDetector} that is run silently over
 *       the training window so that its filter and dwell stand where the market is now; from then
 *       on it filters bar by bar. Its regime after each bar is compared with the one reported last,
 *       so a refit that names the present differently reports a change too.
 * </ul>
 *
 * A bar not after the last one fed is refused (late and repeated bars never feed a detector twice).
 * Not thread-safe: one instance per key, used by one thread at a time.
 */
public final class RegimeDetectors {
  /** The detector names, in the order their changes are reported. */
  public static final List<String> NAMES =
      List.of(VolatilityRegimeDetector.NAME, TrendRegimeDetector.NAME, HmmRegimeDetector.NAME);

  /**
   * The settings of the three detectors.
   *
   * @param volatility the volatility detector's settings
   * @param trend the trend detector's settings
   * @param hmmStates 2 or 3 hidden states
   * @param hmmTrainingBars closes the model is fitted on, at least {@code 2 states + 1}
   * @param hmmRefitInterval bars between refits, at least 1
   * @param hmmConfirmationBars consecutive bars confirming a change of state, at least 1
   * @param hmmMaxIterations most Baum–Welch re-estimations, at least 1
   * @param hmmTolerance Baum–Welch's stopping gain per observation, at least 0
   */
  public record Settings(
      VolatilityRegimeDetector.Settings volatility,
      TrendRegimeDetector.Settings trend,
      int hmmStates,
      int hmmTrainingBars,
      int hmmRefitInterval,
      int hmmConfirmationBars,
      int hmmMaxIterations,
      double hmmTolerance) {
    public Settings {
      Objects.requireNonNull(volatility, "volatility");
      Objects.requireNonNull(trend, "trend");
      if (hmmStates != 2 && hmmStates != 3) {
        throw new IllegalArgumentException("regime.hmm.states must be 2 or 3 but was " + hmmStates);
      }
      if (hmmTrainingBars < 2 * hmmStates + 1) {
        throw new IllegalArgumentException(
            "regime.hmm.training-bars must be >= "
                + (2 * hmmStates + 1)
                + " but was "
                + hmmTrainingBars);
      }
      if (hmmRefitInterval < 1) {
        throw new IllegalArgumentException(
            "regime.hmm.refit-interval must be >= 1 but was " + hmmRefitInterval);
      }
      if (hmmConfirmationBars < 1) {
        throw new IllegalArgumentException(
            "regime.hmm.confirmation-bars must be >= 1 but was " + hmmConfirmationBars);
      }
      if (hmmMaxIterations < 1 || !(hmmTolerance >= 0)) {
        throw new IllegalArgumentException(
            "regime.hmm.max-iterations must be >= 1 and regime.hmm.tolerance >= 0");
      }
    }

    /** Bars until every detector has a regime. */
    public long warmUpBars() {
      long v = new VolatilityRegimeDetector(volatility).warmUpBars();
      long t = new TrendRegimeDetector(trend).warmUpBars();
      return Math.max(Math.max(v, t), hmmTrainingBars);
    }
  }

  private final Settings settings;
  private final VolatilityRegimeDetector volatility;
  private final TrendRegimeDetector trend;
  private final double[] closes;
  private int closeCount;
  private int closeNext;
  private HmmRegimeDetector hmm;
  private int barsSinceFit;
  private int hmmRefits;
  private final Map<String, String> reported = new LinkedHashMap<>();
  private Instant lastTime;
  private long barCount;

  /**
   * Detectors that have seen no bar; {@code reported} holds the regimes last reported (or none).
   */
  public RegimeDetectors(Settings settings, Map<String, String> reported) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.volatility = new VolatilityRegimeDetector(settings.volatility());
    this.trend = new TrendRegimeDetector(settings.trend());
    this.closes = new double[settings.hmmTrainingBars()];
    this.reported.putAll(reported);
  }

  /**
   * Detectors rebuilt from stored bars: every bar is fed in order and no change is reported; the
   * regimes last reported stay {@code reported} (what the rest of the platform was told).
   *
   * @param history bars in increasing time order
   */
  public static RegimeDetectors replay(
      Settings settings, List<OhlcvBar> history, Map<String, String> reported) {
    RegimeDetectors detectors = new RegimeDetectors(settings, reported);
    Map<String, String> told = new LinkedHashMap<>(detectors.reported);
    for (OhlcvBar bar : history) {
      detectors.update(bar);
    }
    detectors.reported.clear();
    detectors.reported.putAll(told);
    return detectors;
  }

  /** Open time of the last bar fed; null before the first. */
  public Instant lastTime() {
    return lastTime;
  }

  /** Bars fed. */
  public long barCount() {
    return barCount;
  }

  /** The regimes the detectors stand at now, by detector name (absent during a warm-up). */
  public Map<String, String> currentRegimes() {
    Map<String, String> current = new LinkedHashMap<>();
    volatility.current().ifPresent(r -> current.put(VolatilityRegimeDetector.NAME, r.name()));
    trend.current().ifPresent(r -> current.put(TrendRegimeDetector.NAME, r.name()));
    if (hmm != null) {
      hmm.current().ifPresent(r -> current.put(HmmRegimeDetector.NAME, r.name()));
    }
    return current;
  }

  /** Whether {@code bar} would be fed: it opens after the last bar fed. */
  public boolean accepts(OhlcvBar bar) {
    return lastTime == null || bar.time().isAfter(lastTime);
  }

  /**
   * Feeds the next bar to every detector.
   *
   * @return the detectors whose regime now differs from the one reported last, in {@link #NAMES}
   *     order; the returned regimes count as reported
   * @throws IllegalArgumentException if the bar does not open after the last one fed, or a price is
   *     not positive
   */
  public List<DetectedChange> update(OhlcvBar bar) {
    if (!accepts(bar)) {
      throw new IllegalArgumentException(
          "bar " + bar.time() + " does not open after the last bar fed, " + lastTime);
    }
    lastTime = bar.time();
    barCount++;
    List<DetectedChange> changes = new ArrayList<>(3);
    Optional<RegimeChange<VolatilityRegime>> v = volatility.update(bar);
    volatility
        .current()
        .ifPresent(
            r ->
                report(
                    changes,
                    VolatilityRegimeDetector.NAME,
                    r.name(),
                    v.map(RegimeChange::statistics).orElseGet(this::volatilityStatistics),
                    this::volatilityEvidence));
    Optional<RegimeChange<TrendRegime>> t = trend.update(bar);
    trend
        .current()
        .ifPresent(
            r ->
                report(
                    changes,
                    TrendRegimeDetector.NAME,
                    r.name(),
                    t.map(RegimeChange::statistics).orElseGet(this::trendStatistics),
                    this::trendEvidence));
    updateHmm(bar, changes);
    return changes;
  }

  private void updateHmm(OhlcvBar bar, List<DetectedChange> changes) {
    boolean refitted = false;
    if (hmm != null) {
      hmm.update(bar);
      barsSinceFit++;
    }
    addClose(bar.close());
    if (closeCount == closes.length
        && (hmm == null || barsSinceFit >= settings.hmmRefitInterval())) {
      refitted = fitHmm();
    }
    if (hmm == null) {
      return;
    }
    boolean afterRefit = refitted;
    hmm.current()
        .ifPresent(
            r ->
                report(
                    changes,
                    HmmRegimeDetector.NAME,
                    r.name(),
                    hmmStatistics(),
                    (to, stats, first) -> hmmEvidence(to, stats, afterRefit)));
  }

  private void addClose(double close) {
    closes[closeNext] = close;
    closeNext = (closeNext + 1) % closes.length;
    closeCount = Math.min(closeCount + 1, closes.length);
  }

  /** Fits a model on the trailing closes; false (keeping the model in use) when it cannot. */
  private boolean fitHmm() {
    int n = closes.length;
    double[] window = new double[n];
    for (int i = 0; i < n; i++) {
      window[i] = closes[(closeNext + i) % n];
    }
    double[] returns = new double[n - 1];
    for (int i = 1; i < n; i++) {
      returns[i - 1] = Math.log(window[i] / window[i - 1]);
    }
    barsSinceFit = 0;
    GaussianHiddenMarkovModel model;
    try {
      model =
          GaussianHiddenMarkovModel.fit(
                  returns,
                  settings.hmmStates(),
                  settings.hmmMaxIterations(),
                  settings.hmmTolerance())
              .model();
    } catch (IllegalArgumentException noDispersion) {
      // e.g. a flat price: no model to fit; keep the one in use (or none) until the next refit
      return false;
    }
    HmmRegimeDetector fitted = new HmmRegimeDetector(model, settings.hmmConfirmationBars());
    // bring the filter and its dwell to the present over the history it was fitted on
    for (int i = 0; i < n; i++) {
      fitted.update(
          new OhlcvBar(
              Instant.EPOCH.plusSeconds(i), window[i], window[i], window[i], window[i], 0));
    }
    hmm = fitted;
    hmmRefits++;
    return true;
  }

  private void report(
      List<DetectedChange> changes,
      String detector,
      String regime,
      Map<String, Double> statistics,
      Evidence evidence) {
    if (regime.equals(reported.get(detector))) {
      return;
    }
    String from = reported.put(detector, regime);
    changes.add(
        new DetectedChange(
            detector, from, regime, statistics, evidence.of(regime, statistics, from == null)));
  }

  @FunctionalInterface
  private interface Evidence {
    String of(String to, Map<String, Double> statistics, boolean first);
  }

  private Map<String, Double> volatilityStatistics() {
    Map<String, Double> statistics = new LinkedHashMap<>();
    statistics.put("realisedVolatility", volatility.realisedVolatility());
    if (!Double.isNaN(volatility.lowerThreshold())) {
      statistics.put("lowerThreshold", volatility.lowerThreshold());
      statistics.put("upperThreshold", volatility.upperThreshold());
    }
    return statistics;
  }

  private String volatilityEvidence(String to, Map<String, Double> statistics, boolean first) {
    VolatilityRegimeDetector.Settings s = settings.volatility();
    double sigma = statistics.get("realisedVolatility");
    String estimate =
        String.format(
            Locale.ROOT,
            "%s volatility %.4g per bar (ln %.2f) over %d bars",
            s.estimator() == VolatilityRegimeDetector.Estimator.GARMAN_KLASS
                ? "Garman-Klass"
                : "close-to-close",
            sigma,
            Math.log(sigma),
            s.window());
    Double lower = statistics.get("lowerThreshold");
    Double upper = statistics.get("upperThreshold");
    if (lower == null) {
      return estimate + "; no distinct volatility levels fitted yet, so NORMAL";
    }
    String margin =
        first ? "" : String.format(Locale.ROOT, " by the hysteresis %.2f", s.hysteresis());
    String where =
        switch (VolatilityRegime.valueOf(to)) {
          case HIGH -> "at or above the upper threshold " + ln(upper) + margin;
          case LOW -> "below the lower threshold " + ln(lower) + margin;
          case NORMAL -> "between the thresholds " + ln(lower) + " and " + ln(upper) + margin;
        };
    return estimate
        + " "
        + where
        + (first ? ", first verdict" : confirmation(s.confirmationBars()));
  }

  private Map<String, Double> trendStatistics() {
    Map<String, Double> statistics = new LinkedHashMap<>();
    statistics.put("adx", trend.adx());
    statistics.put("plusDi", trend.plusDi());
    statistics.put("minusDi", trend.minusDi());
    return statistics;
  }

  private String trendEvidence(String to, Map<String, Double> statistics, boolean first) {
    TrendRegimeDetector.Settings s = settings.trend();
    double adx = statistics.get("adx");
    double plus = statistics.get("plusDi");
    double minus = statistics.get("minusDi");
    String detail =
        switch (TrendRegime.valueOf(to)) {
          case RANGING ->
              String.format(
                  Locale.ROOT,
                  "ADX(%d) %.1f below the trend level (enter %.0f, exit %.0f)",
                  s.adxPeriod(),
                  adx,
                  s.enterThreshold(),
                  s.exitThreshold());
          case TRENDING_UP ->
              String.format(
                  Locale.ROOT,
                  "ADX(%d) %.1f with +DI %.1f above -DI %.1f",
                  s.adxPeriod(),
                  adx,
                  plus,
                  minus);
          case TRENDING_DOWN ->
              String.format(
                  Locale.ROOT,
                  "ADX(%d) %.1f with -DI %.1f above +DI %.1f",
                  s.adxPeriod(),
                  adx,
                  minus,
                  plus);
        };
    return detail + (first ? ", first verdict" : confirmation(s.confirmationBars()));
  }

  private Map<String, Double> hmmStatistics() {
    double[] p = hmm.probabilities();
    int state = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[state]) {
        state = i;
      }
    }
    Map<String, Double> statistics = new LinkedHashMap<>();
    statistics.put("probability", p[state]);
    statistics.put("stateVolatility", Math.sqrt(hmm.model().variances()[state]));
    return statistics;
  }

  private String hmmEvidence(String to, Map<String, Double> statistics, boolean refitted) {
    String detail =
        String.format(
            Locale.ROOT,
            "%d-state model's %s state (volatility %.4g per bar) most probable at %.3f",
            settings.hmmStates(),
            to,
            statistics.get("stateVolatility"),
            statistics.get("probability"));
    if (refitted) {
      return detail
          + String.format(
              Locale.ROOT,
              " after %s on the last %d bars",
              hmmRefits == 1 ? "the first fit" : "a refit",
              settings.hmmTrainingBars());
    }
    return detail + confirmation(settings.hmmConfirmationBars());
  }

  private static String ln(double volatility) {
    return String.format(Locale.ROOT, "%.4g (ln %.2f)", volatility, Math.log(volatility));
  }

  private static String confirmation(int bars) {
    return bars == 1 ? "" : " for " + bars + " bars";
  }
}

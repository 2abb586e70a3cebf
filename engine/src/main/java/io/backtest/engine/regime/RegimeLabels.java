package io.backtest.engine.regime;

import io.backtest.contracts.events.RegimeRun;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Labels a dataset's bars with their market regimes, causally: each bar gets the regime a detector
 * fed the bars up to and including it reports ({@link VolatilityRegimeDetector} and {@link
 * TrendRegimeDetector}), so a label never depends on a later bar. The labels come as runs ({@link
 * RegimeRun}), per detector contiguous and ascending from the end of its warm-up to the last bar;
 * the bars before the warm-up ended carry none.
 *
 * <p><b>Settings for a dataset.</b> The volatility detector's defaults are sized for 1-minute bars:
 * a trailing window of 20,000 bars would leave a cycle's dataset of 1,000–10,000 daily bars without
 * a single label. {@link #volatilitySettingsFor(int)} scales the trailing window to a quarter of
 * the dataset (at least {@value #MIN_TRAILING_WINDOW} bars, at most the default 20,000) and refits
 * every hundredth of it, the defaults' ratio. A quarter is the compromise between labelling most of
 * the dataset (three quarters of it) and a history long enough to hold several visits to every
 * regime; the floor keeps a short dataset's history at about three regime runs of daily data, at
 * the price of labelling only its second half. The least component weight of the mixture fit rises
 * from 2 % to {@value #MINIMUM_WEIGHT}: with daily regimes of 150–300 bars, the 15-bar estimates
 * straddling a change are 5–10 % of a short history and must not pass for a regime of their own.
 * Everything else keeps its default (window of 15 bars, Garman–Klass, mixture thresholds,
 * hysteresis and confirmation); the mixture fit keeps the bars at {@code NORMAL} until the history
 * shows separate levels, so a short history errs towards "no distinct regime" rather than a wrong
 * one.
 *
 * <p>On synthetic regime-switching daily data (three regimes of volatility 0.006, 0.009 and 0.030 a
 * bar lasting 200, 300 and 150 bars on average; ten seeds a size) the labelled bars agree with the
 * true volatility level on 90 % of the bars of a 5,000-bar dataset and 92 % of a 10,000-bar one, 84
 * % at 2,500 bars and 77 % at 1,000 (see the tests). The trend detector keeps Wilder's periods
 * ({@link TrendRegimeDetector.Settings#DEFAULTS}), which are meant for daily bars.
 *
 * <p>Pure and stateless; a call costs O(bars) plus the volatility detector's refits.
 */
public final class RegimeLabels {

  /** Least trailing window of the scaled volatility settings. */
  public static final int MIN_TRAILING_WINDOW = 500;

  /** Least weight of a mixture component in the scaled volatility settings. */
  public static final double MINIMUM_WEIGHT = 0.05;

  private RegimeLabels() {}

  /**
   * The volatility detector's settings for a dataset of {@code bars} bars: trailing window {@code
   * clamp(bars / 4, 500, 20000)}, refit interval a hundredth of it, least component weight {@value
   * #MINIMUM_WEIGHT}, the rest {@link VolatilityRegimeDetector.Settings#DEFAULTS}.
   */
  public static VolatilityRegimeDetector.Settings volatilitySettingsFor(int bars) {
    VolatilityRegimeDetector.Settings d = VolatilityRegimeDetector.Settings.DEFAULTS;
    int trailing = Math.clamp(bars / 4, MIN_TRAILING_WINDOW, d.trailingWindow());
    return new VolatilityRegimeDetector.Settings(
        d.estimator(),
        d.window(),
        trailing,
        Math.max(1, trailing / 100),
        d.thresholds(),
        d.lowerPercentile(),
        d.upperPercentile(),
        d.minimumSeparation(),
        MINIMUM_WEIGHT,
        d.hysteresis(),
        d.confirmationBars());
  }

  /** Labels the bars with {@link #volatilitySettingsFor} and the trend detector's defaults. */
  public static List<RegimeRun> label(List<OhlcvBar> bars) {
    Objects.requireNonNull(bars, "bars");
    return label(bars, volatilitySettingsFor(bars.size()), TrendRegimeDetector.Settings.DEFAULTS);
  }

  /** Labels a dataset's bars with {@link #volatilitySettingsFor} and the trend defaults. */
  public static List<RegimeRun> label(BarArrays bars) {
    Objects.requireNonNull(bars, "bars");
    return label(bars.toBars());
  }

  /**
   * Labels the bars with both detectors: the volatility runs first, then the trend runs.
   *
   * @throws IllegalArgumentException if a bar's price is not a positive finite number
   */
  public static List<RegimeRun> label(
      List<OhlcvBar> bars,
      VolatilityRegimeDetector.Settings volatility,
      TrendRegimeDetector.Settings trend) {
    Objects.requireNonNull(bars, "bars");
    List<RegimeRun> runs = new ArrayList<>();
    runs.addAll(runs(new VolatilityRegimeDetector(volatility), bars));
    runs.addAll(runs(new TrendRegimeDetector(trend), bars));
    return List.copyOf(runs);
  }

  /** One detector's runs over the bars: each bar carries the regime after it was fed. */
  static <R extends Enum<R>> List<RegimeRun> runs(RegimeDetector<R> detector, List<OhlcvBar> bars) {
    List<RegimeRun> runs = new ArrayList<>();
    R current = null;
    int start = -1;
    for (int i = 0; i < bars.size(); i++) {
      detector.update(bars.get(i));
      R regime = detector.current().orElse(null);
      if (regime == current) {
        continue;
      }
      if (current != null) {
        runs.add(new RegimeRun(detector.name(), current.name(), start, i));
      }
      current = regime;
      start = i;
    }
    if (current != null) {
      runs.add(new RegimeRun(detector.name(), current.name(), start, bars.size()));
    }
    return runs;
  }
}

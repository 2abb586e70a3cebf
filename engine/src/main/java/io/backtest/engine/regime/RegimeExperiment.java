package io.backtest.engine.regime;

import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.data.SyntheticBars.Frame;
import io.backtest.engine.data.SyntheticBars.Generated;
import io.backtest.engine.regime.VolatilityRegimeDetector.Estimator;
import io.backtest.engine.regime.VolatilityRegimeDetector.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regime experiment: the detectors' figures on seeded synthetic regime-switching data whose
 * true regimes are known (agreement after warm-up, median detection delay, detected against true
 * changes). The tests pin some seeds; {@link #main} prints them all ({@code ./stack bench --live}).
 */
public final class RegimeExperiment {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  private RegimeExperiment() {}

  /** {@link SyntheticBars#DEFAULT_REGIMES} as 1-minute bars from 2024-01-01T00:00Z. */
  static Generated defaultRegimes(int bars, long seed) {
    return SyntheticBars.regimeSwitching(
        new Frame(bars, seed, START, Duration.ofMinutes(1), 100), SyntheticBars.DEFAULT_REGIMES);
  }

  /**
   * The volatility detector against the true regimes ranked by volatility, scored from the end of
   * its warm-up.
   */
  static RegimeScore volatilityScore(Generated g, Settings settings) {
    Map<String, VolatilityRegime> ranks =
        RegimeScore.volatilityRanks(SyntheticBars.DEFAULT_REGIMES);
    List<VolatilityRegime> truth = RegimeScore.truth(g, ranks::get);
    VolatilityRegimeDetector detector = new VolatilityRegimeDetector(settings);
    List<VolatilityRegime> detected = RegimeScore.run(detector, g.bars());
    return RegimeScore.of(detected, truth, (int) detector.warmUpBars() - 1);
  }

  /** Prints the figures: {@code [bars] [seeds]}, defaults 100,000 and 5. */
  public static void main(String[] args) {
    int bars = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Map<String, Settings> variants = new LinkedHashMap<>();
    variants.put("defaults (Garman-Klass, window 15, mixture thresholds)", Settings.DEFAULTS);
    variants.put(
        "close to close, window 15", Settings.DEFAULTS.withEstimator(Estimator.CLOSE_TO_CLOSE, 15));
    variants.put(
        "close to close, window 20, hysteresis 0.3",
        Settings.DEFAULTS
            .withEstimator(Estimator.CLOSE_TO_CLOSE, 20)
            .withHysteresis(0.3, Settings.DEFAULTS.confirmationBars()));
    variants.put(
        "close to close, window 30", Settings.DEFAULTS.withEstimator(Estimator.CLOSE_TO_CLOSE, 30));
    variants.put("percentiles 25/75", Settings.DEFAULTS.withPercentiles(25, 75));
    variants.put("percentiles 20/80", Settings.DEFAULTS.withPercentiles(20, 80));
    for (Map.Entry<String, Settings> v : variants.entrySet()) {
      System.out.println("== volatility detector: " + v.getKey());
      for (long seed = 1; seed <= seeds; seed++) {
        long t0 = System.nanoTime();
        RegimeScore s = volatilityScore(defaultRegimes(bars, seed), v.getValue());
        System.out.printf("seed %d: %s  (%d ms)%n", seed, s, (System.nanoTime() - t0) / 1_000_000);
      }
    }
    int from = (int) new VolatilityRegimeDetector().warmUpBars() - 1;
    for (int confirmation : new int[] {1, HmmRegimeDetector.DEFAULT_CONFIRMATION_BARS}) {
      System.out.println(
          "== HMM detector, 3 states fitted on bars 0-19,999, confirmationBars "
              + confirmation
              + ", scored from bar "
              + from);
      for (long seed = 1; seed <= seeds; seed++) {
        long t0 = System.nanoTime();
        RegimeScore s = hmmScore(defaultRegimes(bars, seed), 20_000, confirmation, from);
        System.out.printf("seed %d: %s  (%d ms)%n", seed, s, (System.nanoTime() - t0) / 1_000_000);
      }
    }
    for (TrendRegimeDetector.Settings t :
        List.of(
            TrendRegimeDetector.Settings.DEFAULTS,
            new TrendRegimeDetector.Settings(14, 14, 25, 20, 0, 1))) {
      System.out.println(
          "== trend detector "
              + t
              + " on 50,000 bars of drift regimes +-0.002, vol 0.01, 250 bars");
      for (long seed = 1; seed <= seeds; seed++) {
        System.out.printf("seed %d: %s%n", seed, trendScore(driftRegimes(50_000, seed), t));
      }
    }
  }

  /** Up and down drift regimes, the trend detector's sanity check. */
  static final List<SyntheticBars.Regime> DRIFT_REGIMES =
      List.of(
          new SyntheticBars.Regime("up", 0.002, 0.01, 250),
          new SyntheticBars.Regime("down", -0.002, 0.01, 250));

  /** {@link #DRIFT_REGIMES} as 1-minute bars from 2024-01-01T00:00Z. */
  static Generated driftRegimes(int bars, long seed) {
    return SyntheticBars.regimeSwitching(
        new Frame(bars, seed, START, Duration.ofMinutes(1), 100), DRIFT_REGIMES);
  }

  /** The trend detector against up = TRENDING_UP, down = TRENDING_DOWN, from its warm-up's end. */
  static RegimeScore trendScore(Generated g, TrendRegimeDetector.Settings settings) {
    List<TrendRegime> truth =
        RegimeScore.truth(
            g, name -> name.equals("up") ? TrendRegime.TRENDING_UP : TrendRegime.TRENDING_DOWN);
    TrendRegimeDetector detector = new TrendRegimeDetector(settings);
    List<TrendRegime> detected = RegimeScore.run(detector, g.bars());
    return RegimeScore.of(detected, truth, (int) detector.warmUpBars() - 1);
  }

  /**
   * The HMM detector fitted on the first {@code training} bars and fed from the last of them on,
   * scored from bar {@code from}.
   */
  static RegimeScore hmmScore(Generated g, int training, int confirmationBars, int from) {
    Map<String, VolatilityRegime> ranks =
        RegimeScore.volatilityRanks(SyntheticBars.DEFAULT_REGIMES);
    List<VolatilityRegime> truth = RegimeScore.truth(g, ranks::get);
    HmmRegimeDetector trained = HmmRegimeDetector.trainedOn(g.bars().subList(0, training), 3);
    HmmRegimeDetector detector = new HmmRegimeDetector(trained.model(), confirmationBars);
    List<VolatilityRegime> detected = new ArrayList<>();
    for (int k = 0; k < g.bars().size(); k++) {
      if (k >= training - 1) {
        detector.update(g.bars().get(k));
      }
      detected.add(detector.current().orElse(null));
    }
    return RegimeScore.of(detected, truth, from);
  }
}

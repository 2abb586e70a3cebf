package io.backtest.engine.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.data.SyntheticBars.Frame;
import io.backtest.engine.regime.VolatilityRegimeDetector.Estimator;
import io.backtest.engine.regime.VolatilityRegimeDetector.Settings;
import io.backtest.engine.regime.VolatilityRegimeDetector.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VolatilityRegimeDetectorTest {
  /**
   * The hysteresis tests' detector: a two-bar Garman–Klass window, a 600-value trailing window, no
   * refit, mixture thresholds, hysteresis 0.2, 4 bars to confirm.
   */
  private static final Settings THREE_LEVELS =
      new Settings(
          Estimator.GARMAN_KLASS,
          2,
          600,
          Integer.MAX_VALUE,
          Thresholds.MIXTURE,
          25,
          75,
          2,
          0.02,
          0.2,
          4);

  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /**
   * The acceptance figures on {@link SyntheticBars#DEFAULT_REGIMES} (100,000 1-minute bars a seed,
   * true labels by volatility rank: sideways LOW, bull-quiet NORMAL, bear-volatile HIGH), scored
   * from the end of the warm-up: agreement of at least 85 % of the bars, a median detection delay
   * of at most 20 bars, at most twice as many detected changes as true ones.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void meetsTheAcceptanceFiguresOnTheDefaultRegimes(long seed) {
    RegimeScore score =
        RegimeExperiment.volatilityScore(
            RegimeExperiment.defaultRegimes(100_000, seed), Settings.DEFAULTS);
    System.out.printf("volatility detector, seed %d: %s%n", seed, score);

    assertThat(score.trueChanges()).as("true changes after the warm-up").isGreaterThan(20);
    assertThat(score.agreement()).isGreaterThanOrEqualTo(0.85);
    assertThat(score.medianDelay()).isLessThanOrEqualTo(20);
    assertThat(score.detectedChanges()).isLessThanOrEqualTo(2 * score.trueChanges());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Estimator.class)
  void constantVolatilityNeverFlipsAfterTheWarmUp(Estimator estimator) {
    Settings settings = Settings.DEFAULTS.withEstimator(estimator, 15);
    for (long seed = 11; seed <= 13; seed++) {
      List<OhlcvBar> bars =
          SyntheticBars.gbm(
                  new Frame(40_000, seed, START, Duration.ofMinutes(1), 100), 0.00001, 0.001)
              .bars();
      VolatilityRegimeDetector detector = new VolatilityRegimeDetector(settings);
      List<RegimeChange<VolatilityRegime>> changes = new ArrayList<>();
      for (OhlcvBar bar : bars) {
        detector.update(bar).ifPresent(changes::add);
      }

      // one regime, so no thresholds: the first regime is NORMAL and stays
      assertThat(changes).hasSize(1);
      assertThat(changes.getFirst().isFirst()).isTrue();
      assertThat(changes.getFirst().to()).isEqualTo(VolatilityRegime.NORMAL);
      assertThat(detector.current()).contains(VolatilityRegime.NORMAL);
      assertThat(detector.lowerThreshold()).isNaN();
    }
  }

  @Test
  void noRegimeBeforeTheWarmUpAndTheFirstRegimeAtItsLastBar() {
    Settings settings = Settings.DEFAULTS.withTrailingWindow(300);
    for (Estimator estimator : Estimator.values()) {
      VolatilityRegimeDetector detector =
          new VolatilityRegimeDetector(settings.withEstimator(estimator, 15));
      long expectedWarmUp = 15 + 300 - 1 + (estimator == Estimator.CLOSE_TO_CLOSE ? 1 : 0);
      assertThat(detector.warmUpBars()).isEqualTo(expectedWarmUp);
      List<OhlcvBar> bars =
          SyntheticBars.gbm(new Frame(1_000, 5, START, Duration.ofMinutes(1), 100), 0, 0.001)
              .bars();
      for (int k = 0; k < expectedWarmUp - 1; k++) {
        assertThat(detector.update(bars.get(k))).isEmpty();
        assertThat(detector.current()).isEmpty();
      }
      Optional<RegimeChange<VolatilityRegime>> first =
          detector.update(bars.get((int) expectedWarmUp - 1));
      assertThat(first).isPresent();
      assertThat(first.get().isFirst()).isTrue();
      assertThat(first.get().barIndex()).isEqualTo(expectedWarmUp - 1);
      assertThat(first.get().time()).isEqualTo(bars.get((int) expectedWarmUp - 1).time());
      assertThat(first.get().detector()).isEqualTo(VolatilityRegimeDetector.NAME);
      assertThat(detector.current()).isPresent();
    }
  }

  /** A bar whose Garman–Klass variance is exactly {@code sigma²}: no move, range {@code σ√2}. */
  private static OhlcvBar barWithVolatility(int k, double sigma) {
    double half = sigma * Math.sqrt(2) / 2;
    return new OhlcvBar(
        START.plusSeconds(60L * k), 100, 100 * Math.exp(half), 100 * Math.exp(-half), 100, 1000);
  }

  /**
   * Three volatility levels e^-8, e^-7 and e^-6 in blocks: the mixture's thresholds sit midway
   * between adjacent levels in log volatility, -7.5 and -6.5 (up to the histogram's bin width and
   * the few windows that straddle two blocks).
   */
  private static VolatilityRegimeDetector detectorAfterThreeLevels(
      Settings settings, List<OhlcvBar> fed) {
    VolatilityRegimeDetector detector = new VolatilityRegimeDetector(settings);
    double[] levels = {-8, -7, -6, -7, -8, -6, -7};
    int k = 0;
    for (double level : levels) {
      for (int i = 0; i < 100; i++) {
        OhlcvBar bar = barWithVolatility(k++, Math.exp(level));
        fed.add(bar);
        detector.update(bar);
      }
    }
    return detector;
  }

  @Test
  void mixtureThresholdsSitMidwayBetweenDistinctLevels() {
    Settings settings = THREE_LEVELS;
    VolatilityRegimeDetector detector = detectorAfterThreeLevels(settings, new ArrayList<>());

    assertThat(detector.current()).contains(VolatilityRegime.NORMAL);
    assertThat(Math.log(detector.lowerThreshold())).isCloseTo(-7.5, within(0.05));
    assertThat(Math.log(detector.upperThreshold())).isCloseTo(-6.5, within(0.05));
    assertThat(detector.realisedVolatility()).isCloseTo(Math.exp(-7), within(1e-12));
  }

  @Test
  void aMoveInsideTheHysteresisBandNeverChangesTheRegime() {
    Settings settings = THREE_LEVELS;
    List<OhlcvBar> fed = new ArrayList<>();
    VolatilityRegimeDetector detector = detectorAfterThreeLevels(settings, fed);
    double upper = Math.log(detector.upperThreshold());

    // past the NORMAL/HIGH threshold but by less than the hysteresis, for a long time
    for (int i = 0; i < 1_000; i++) {
      assertThat(detector.update(barWithVolatility(fed.size() + i, Math.exp(upper + 0.15))))
          .isEmpty();
    }
    assertThat(detector.current()).contains(VolatilityRegime.NORMAL);
  }

  @Test
  void aMovePastTheBandChangesTheRegimeOnItsConfirmationBar() {
    Settings settings = THREE_LEVELS;
    List<OhlcvBar> fed = new ArrayList<>();
    VolatilityRegimeDetector detector = detectorAfterThreeLevels(settings, fed);
    double upper = Math.log(detector.upperThreshold());
    int k = fed.size();
    // inside the band (0.1 past the threshold, less than the hysteresis), then 0.3 past it: the
    // bar whose two-bar window mixes both levels is already 0.2 past, since (e^0.2 + e^0.6) / 2
    // >= e^0.4, so the change comes with the fourth bar at the new level
    for (int i = 0; i < 10; i++) {
      assertThat(detector.update(barWithVolatility(k++, Math.exp(upper + 0.1)))).isEmpty();
    }
    double outside = Math.exp(upper + 0.3);
    for (int i = 1; i <= 3; i++) {
      assertThat(detector.update(barWithVolatility(k++, outside))).as("bar %d past", i).isEmpty();
    }
    Optional<RegimeChange<VolatilityRegime>> change;
    change = detector.update(barWithVolatility(k, outside));

    assertThat(change).isPresent();
    RegimeChange<VolatilityRegime> c = change.get();
    assertThat(c.from()).isEqualTo(VolatilityRegime.NORMAL);
    assertThat(c.to()).isEqualTo(VolatilityRegime.HIGH);
    assertThat(c.barIndex()).isEqualTo(k);
    assertThat(c.statistics())
        .containsOnlyKeys("realisedVolatility", "lowerThreshold", "upperThreshold");
    assertThat(c.statistics().get("realisedVolatility")).isCloseTo(outside, within(1e-12));
    assertThat(c.statistics().get("upperThreshold")).isEqualTo(Math.exp(upper));
  }

  @Test
  void percentileThresholdsAreThePercentilesOfTheTrailingWindow() {
    // the 600 trailing values: 300 at e^-8, one whose two-bar window mixes both levels, 299 at
    // e^-6; percentiles of such a two-point distribution are the points themselves
    Settings settings =
        new Settings(
            Estimator.GARMAN_KLASS,
            2,
            600,
            Integer.MAX_VALUE,
            Thresholds.PERCENTILES,
            25,
            75,
            2,
            0.02,
            0.2,
            4);
    VolatilityRegimeDetector detector = new VolatilityRegimeDetector(settings);
    int k = 0;
    for (double level : new double[] {-8, -6}) {
      for (int i = 0; i < 301; i++) {
        detector.update(barWithVolatility(k++, Math.exp(level)));
      }
    }
    // up to the 0.02-wide bin each point falls in
    assertThat(Math.log(detector.lowerThreshold())).isBetween(-8 - 0.02, -8 + 0.02);
    assertThat(Math.log(detector.upperThreshold())).isBetween(-6 - 0.02, -6 + 0.02);
  }
}

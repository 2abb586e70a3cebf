package io.backtest.engine.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.data.SyntheticBars.Frame;
import io.backtest.engine.data.SyntheticBars.Regime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegimeLabelsTest {
  private static final Instant START = Instant.parse("2000-01-03T00:00:00Z");

  /**
   * Daily-like regimes: the engine's default regimes with volatilities 15 times larger (about 14 %,
   * 48 % and 10 % a year at 252 bars) and runs ten times shorter (300, 150 and 200 bars).
   */
  static final List<Regime> DAILY =
      List.of(
          new Regime("bull-quiet", 0.0003, 0.009, 300),
          new Regime("bear-volatile", -0.0006, 0.030, 150),
          new Regime("sideways", 0.0, 0.006, 200));

  private static SyntheticBars.Generated daily(int bars, long seed) {
    return SyntheticBars.regimeSwitching(
        new Frame(bars, seed, START, Duration.ofDays(1), 100), DAILY);
  }

  /** Each bar's volatility label from the runs; null where no run covers it. */
  private static List<VolatilityRegime> perBar(List<RegimeRun> runs, int bars) {
    List<VolatilityRegime> labels = new ArrayList<>(Collections.nCopies(bars, null));
    for (RegimeRun run : runs) {
      if (run.detector().equals("volatility")) {
        for (int k = run.fromIndex(); k < run.toIndex(); k++) {
          labels.set(k, VolatilityRegime.valueOf(run.regime()));
        }
      }
    }
    return labels;
  }

  /**
   * Agreement of the labelled bars with the true volatility level, averaged over ten seeds; the
   * figures are quoted in {@link RegimeLabels}' documentation (90 % at 5,000 bars).
   */
  @ParameterizedTest
  @CsvSource({"1000, 0.70", "2500, 0.80", "5000, 0.86", "10000, 0.88"})
  void volatilityLabelsAgreeWithTheTrueRegimesOnDailySizedDatasets(int bars, double least) {
    Map<String, VolatilityRegime> ranks = RegimeScore.volatilityRanks(DAILY);
    double agreement = 0;
    double labelled = 0;
    int seeds = 10;
    for (long seed = 1; seed <= seeds; seed++) {
      SyntheticBars.Generated g = daily(bars, seed);
      List<RegimeRun> runs = RegimeLabels.label(g.bars());
      List<VolatilityRegime> truth = RegimeScore.truth(g, ranks::get);
      List<VolatilityRegime> detected = perBar(runs, bars);
      int from = runs.getFirst().fromIndex();
      agreement += RegimeScore.of(detected, truth, from).agreement() / seeds;
      labelled += (double) (bars - from) / bars / seeds;
    }
    System.out.printf(
        "RegimeLabels on %,d daily bars: agreement %.3f over %.0f %% of the bars%n",
        bars, agreement, labelled * 100);
    assertThat(agreement).isGreaterThanOrEqualTo(least);
    // the first label: on the bar that fills the trailing window (a quarter of the dataset, at
    // least 500 values) of 15-bar estimates
    int firstLabelled = Math.max(500, bars / 4) + 15 - 2;
    assertThat(labelled).isCloseTo(1 - (double) firstLabelled / bars, within(1e-9));
  }

  @Test
  void runsCoverEveryBarFromEachWarmUpToTheEndAndFitTheContract() {
    SyntheticBars.Generated g = daily(3000, 7);
    List<RegimeRun> runs = RegimeLabels.label(g.bars());

    List<RegimeRun> volatility =
        runs.stream().filter(r -> r.detector().equals("volatility")).toList();
    List<RegimeRun> trend = runs.stream().filter(r -> r.detector().equals("trend")).toList();
    assertThat(runs).startsWith(volatility.toArray(RegimeRun[]::new));
    // warm-ups: 750 trailing values of a 15-bar window; ADX 14 + 14 + 2 bars
    assertThat(volatility.getFirst().fromIndex()).isEqualTo(750 + 15 - 2);
    assertThat(trend.getFirst().fromIndex()).isEqualTo(14 + 14 + 1);
    assertThat(volatility.getLast().toIndex()).isEqualTo(3000);
    assertThat(trend.getLast().toIndex()).isEqualTo(3000);
    assertThat(volatility).extracting(RegimeRun::regime).contains("LOW", "NORMAL", "HIGH");
    assertThat(trend.size()).isGreaterThan(3);
    // CycleStarted's checks: contiguous, ascending, adjacent runs differ
    CycleStarted started =
        new CycleStarted(
            UUID.randomUUID(),
            new DatasetRef("synthetic", "SYN", "1d", 252),
            List.of("sma-crossover"),
            1,
            7,
            List.of(UUID.randomUUID()),
            new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, 10_000),
            null,
            null,
            START,
            runs);
    assertThat(started.regimes()).isEqualTo(runs);
  }

  @Test
  void labelsAreCausalALaterBarNeverChangesAnEarlierLabel() {
    SyntheticBars.Generated g = daily(2000, 3);
    VolatilityRegimeDetector.Settings volatility = RegimeLabels.volatilitySettingsFor(2000);
    List<RegimeRun> whole =
        RegimeLabels.label(g.bars(), volatility, TrendRegimeDetector.Settings.DEFAULTS);
    List<OhlcvBar> prefix = g.bars().subList(0, 1400);
    List<RegimeRun> early =
        RegimeLabels.label(prefix, volatility, TrendRegimeDetector.Settings.DEFAULTS);
    // the prefix's runs are the whole dataset's runs cut at bar 1400
    List<RegimeRun> cut = new ArrayList<>();
    for (RegimeRun r : whole) {
      if (r.fromIndex() < 1400) {
        cut.add(
            new RegimeRun(r.detector(), r.regime(), r.fromIndex(), Math.min(1400, r.toIndex())));
      }
    }
    assertThat(early).isEqualTo(cut);
  }

  @Test
  void datasetSizedSettingsScaleTheTrailingWindow() {
    assertThat(RegimeLabels.volatilitySettingsFor(1000).trailingWindow()).isEqualTo(500);
    assertThat(RegimeLabels.volatilitySettingsFor(8000).trailingWindow()).isEqualTo(2000);
    assertThat(RegimeLabels.volatilitySettingsFor(8000).refitInterval()).isEqualTo(20);
    assertThat(RegimeLabels.volatilitySettingsFor(1_000_000).trailingWindow()).isEqualTo(20_000);
    assertThat(RegimeLabels.volatilitySettingsFor(8000).window())
        .isEqualTo(VolatilityRegimeDetector.Settings.DEFAULTS.window());
  }

  @Test
  void tooShortADatasetHasNoVolatilityRuns() {
    List<RegimeRun> runs = RegimeLabels.label(daily(300, 1).bars());
    assertThat(runs).extracting(RegimeRun::detector).containsOnly("trend");
  }
}

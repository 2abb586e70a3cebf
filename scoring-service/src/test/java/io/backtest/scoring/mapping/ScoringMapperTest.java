package io.backtest.scoring.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BarWindow;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.scoring.ScoringFixtures;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.domain.WalkForwardFold;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events to rows and back, without the database. */
class ScoringMapperTest {
  private static final Instant T = Instant.parse("2026-03-02T00:00:00Z");
  private final UUID cycle = UUID.randomUUID();
  private final UUID strategy = UUID.randomUUID();

  @Test
  void everyMetricOfTheEventComesBackFromTheRow() {
    BacktestMetrics sent =
        new BacktestMetrics(
            0.21, 0.2, 1.35, 1.9, 0.12, 41, 1.75, 0.18, 7, 0.57, 2.4, 512.5, -301.25, 187.1, 0.61,
            -0.12, 4.8, 252);
    StrategyResult row = scored(sent, null);

    assertThat(ScoringMapper.metrics(row)).isEqualTo(sent);
  }

  @Test
  void undefinedMetricsStayNull() {
    BacktestMetrics sent =
        new BacktestMetrics(
            0.0, 0.0, 0.0, 0.0, 0.0, 0, null, 0.0, 0, 0.0, null, null, null, null, 0.0, null, null,
            3);

    assertThat(ScoringMapper.metrics(scored(sent, null))).isEqualTo(sent);
  }

  @Test
  void rowRecordedBeforeTheNewMetricsShowsNoDrawdownLengthAndNoProvenance() {
    StrategyResult row = scored(ScoringFixtures.metrics(1.0, 0.1, 3), null);
    // what migration V3 leaves on an earlier row
    row.maxDrawdownBars = null;
    row.calmar = null;
    row.avgWin = null;
    row.avgLoss = null;
    row.expectancy = null;
    row.skewness = null;
    row.kurtosis = null;
    row.datasetSha256 = null;
    row.seed = null;
    row.engineVersion = null;

    BacktestMetrics shown = ScoringMapper.metrics(row);
    assertThat(shown.maxDrawdownBars()).isZero();
    assertThat(shown.calmar()).isNull();
    assertThat(shown.kurtosis()).isNull();
    assertThat(shown.sharpe()).isEqualTo(1.0);
    assertThat(ScoringMapper.provenance(row)).isNull();
    assertThat(ScoringMapper.walkForward(row)).isNull();
  }

  @Test
  void walkForwardKeepsFoldCountTrialsEvaluationsEfficiencyAndEachFoldsSharpeRatios() {
    WalkForwardSummary wf =
        new WalkForwardSummary(
            new WalkForwardSettings("rolling", 120, 40, 40, "grid", 50, "sharpe"),
            List.of(
                fold(0, 0, 120, 160, Map.of("fast", 12, "slow", 50), 1.9, 0.7),
                fold(1, 40, 160, 200, Map.of("fast", 10, "slow", 60), 2.4, -0.3)),
            50,
            100,
            0.42);

    StrategyResult row = scored(ScoringFixtures.metrics(0.2, 0.1, 4), wf);

    assertThat(row.foldCount).isEqualTo(2);
    assertThat(row.trials).isEqualTo(50);
    assertThat(row.evaluations).isEqualTo(100);
    assertThat(row.efficiency).isEqualTo(0.42);
    assertThat(row.walkForward.settings()).isEqualTo(wf.settings());
    assertThat(row.walkForward.folds())
        .containsExactly(
            new WalkForwardFold(0, 0, 120, 120, 160, Map.of("fast", 12, "slow", 50), 1.9, 0.7),
            new WalkForwardFold(1, 40, 160, 160, 200, Map.of("fast", 10, "slow", 60), 2.4, -0.3));
    assertThat(row.datasetSha256).isEqualTo("5e".repeat(32));
    assertThat(row.seed).isEqualTo(42L);
    assertThat(row.engineVersion).isEqualTo("0.1.0");
    assertThat(ScoringMapper.walkForward(row).folds()).isEqualTo(row.walkForward.folds());
  }

  @Test
  void compoundedSeriesIsStoredAsItsPointsWithItsBarsPerPoint() {
    // 5,001 bars exceed the 5,000-point bound: 2 bars a point, 2,501 points, the last of one bar
    double[] perBar = new double[5_001];
    for (int i = 0; i < perBar.length; i++) {
      perBar[i] = i % 2 == 0 ? 0.02 : -0.01;
    }
    BacktestCompleted completed =
        ScoringFixtures.completed(
            cycle,
            strategy,
            UUID.randomUUID(),
            ScoringFixtures.metrics(1.0, 0.1, 3),
            ReturnSeries.of(perBar),
            null);

    var series = ScoringMapper.returnSeries(completed);

    assertThat(series.barsPerPoint).isEqualTo(2);
    assertThat(series.returns).hasSize(2_501);
    // (1 + 0.02)(1 − 0.01) − 1 = 1.0098 − 1 = 0.0098; binary32 keeps ~7 significant digits
    for (int p = 0; p < 2_500; p++) {
      assertThat(series.returns[p]).isCloseTo(0.0098, within(1e-9));
    }
    assertThat(series.returns[2_500]).isCloseTo(0.02, within(1e-9));
    // 252 bars a year, 2 bars a point: 126 points a year
    assertThat(series.pointsPerYear()).isEqualTo(126.0);
  }

  private StrategyResult scored(BacktestMetrics metrics, WalkForwardSummary wf) {
    BacktestCompleted completed =
        ScoringFixtures.completed(
            cycle, strategy, UUID.randomUUID(), metrics, ReturnSeries.of(new double[] {0.01}), wf);
    return ScoringMapper.scoredResult(completed, 0.5, false, UUID.randomUUID(), T);
  }

  private static FoldSummary fold(
      int index,
      int from,
      int split,
      int to,
      Map<String, Number> parameters,
      double inSampleSharpe,
      double outOfSampleSharpe) {
    return new FoldSummary(
        index,
        new BarWindow(from, split, T, T),
        new BarWindow(split, to, T, T),
        parameters,
        ScoringFixtures.metrics(inSampleSharpe, 0.1, 5),
        ScoringFixtures.metrics(outOfSampleSharpe, 0.1, 5));
  }
}

package io.backtest.scoring.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BarWindow;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.GateCheck;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.engine.selection.ScoringInput;
import io.backtest.scoring.ScoringFixtures;
import io.backtest.scoring.domain.SeriesPoints;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.domain.Verdict;
import io.backtest.scoring.domain.WalkForwardFold;
import io.backtest.scoring.rest.CorrelationEntry;
import io.backtest.scoring.rest.ScorecardCorrelations;
import java.time.Instant;
import java.util.Arrays;
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
  void resultIsStoredUnscoredWithTheShareOfProfitableOutOfSampleFolds() {
    // out of sample: total return 0.7 / 5, −0.3 / 5, 0.5 / 5, 0 / 5 (zero is no profit)
    WalkForwardSummary wf =
        new WalkForwardSummary(
            new WalkForwardSettings("rolling", 120, 40, 40, "grid", 50, "sharpe"),
            List.of(
                fold(0, 0, 120, 160, Map.of("fast", 12), 1.9, 0.7),
                fold(1, 40, 160, 200, Map.of("fast", 10), 2.4, -0.3),
                fold(2, 80, 200, 240, Map.of("fast", 11), 1.1, 0.5),
                fold(3, 120, 240, 280, Map.of("fast", 9), 1.3, 0.0)),
            50,
            200,
            null);

    StrategyResult row = scored(ScoringFixtures.metrics(0.2, 0.1, 4), wf);

    assertThat(row.foldConsistency).isEqualTo(0.5);
    assertThat(row.score).isNull();
    assertThat(row.rank).isNull();
    assertThat(row.statistics).isNull();
    assertThat(scored(ScoringFixtures.metrics(0.2, 0.1, 4), null).foldConsistency).isNull();
  }

  @Test
  void scoringInputFollowsTheStoredSeriesAndTheResultsWalkForwardAnalysis() {
    WalkForwardSummary wf =
        new WalkForwardSummary(
            new WalkForwardSettings("rolling", 120, 40, 40, "grid", 50, "sharpe"),
            List.of(
                fold(0, 0, 120, 160, Map.of("fast", 12), 1.9, 0.7),
                fold(1, 40, 160, 200, Map.of("fast", 10), 2.4, -0.3)),
            37,
            74,
            0.42);
    double[] perBar = new double[10_001];
    Arrays.fill(perBar, 0.001);
    BacktestCompleted completed =
        ScoringFixtures.completed(
            cycle,
            strategy,
            UUID.randomUUID(),
            ScoringFixtures.metrics(1.0, 0.1, 9),
            ReturnSeries.of(perBar),
            wf);
    StrategyResult row = ScoringMapper.scoredResult(completed, false, UUID.randomUUID(), T);
    ReturnSeries series = completed.returns();
    var stored = ScoringMapper.returnSeries(completed);
    SeriesPoints points =
        new SeriesPoints(
            stored.backtestId,
            stored.strategyId,
            stored.barsPerYear,
            stored.barsPerPoint,
            stored.alignment,
            stored.returns);

    ScoringInput input = ScoringMapper.scoringInput(row, points);

    // 10,001 bars: 3 a point; 252 bars a year are 84 points; first out-of-sample bar 120
    assertThat(series.barsPerPoint()).isEqualTo(3);
    assertThat(input.strategyId()).isEqualTo(strategy);
    assertThat(input.returns()).containsExactly(series.values());
    assertThat(input.pointsPerYear()).isEqualTo(84.0);
    assertThat(input.barsPerPoint()).isEqualTo(3);
    assertThat(input.alignment()).isEqualTo("5e".repeat(32) + ":120:3");
    assertThat(input.trials()).isEqualTo(37);
    assertThat(input.foldConsistency()).isEqualTo(0.5);
    assertThat(input.efficiency()).isEqualTo(0.42);
    assertThat(input.tradeCount()).isEqualTo(9);
    assertThat(input.profitFactor()).isEqualTo(1.5);
    assertThat(input.winRate()).isEqualTo(0.5);
  }

  @Test
  void resultWithoutWalkForwardIsOneTrialAlignedFromTheFirstBar() {
    StrategyResult row = scored(ScoringFixtures.metrics(1.0, 0.1, 0), null);
    var stored =
        ScoringMapper.returnSeries(
            ScoringFixtures.completed(
                cycle,
                row.strategyId,
                row.backtestId,
                ScoringFixtures.metrics(1.0, 0.1, 0),
                ReturnSeries.of(new double[] {0.01}),
                null));
    SeriesPoints points =
        new SeriesPoints(
            row.backtestId,
            row.strategyId,
            stored.barsPerYear,
            stored.barsPerPoint,
            stored.alignment,
            stored.returns);

    ScoringInput input = ScoringMapper.scoringInput(row, points);

    assertThat(input.alignment()).isEqualTo("5e".repeat(32) + ":0:1");
    assertThat(input.trials()).isEqualTo(1);
    assertThat(input.foldConsistency()).isNull();
    assertThat(input.efficiency()).isNull();
    // no trades, no loss: the profit factor is undefined
    assertThat(input.profitFactor()).isNaN();
  }

  @Test
  void verdictsAreOnePerStrategyTheFirstOfATwiceNamedOne() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    GateCheck gate = new GateCheck("min-trades", 9, 20, false, "9 trades < 20");
    CycleCompleted completed =
        ScoringFixtures.cycleCompleted(
            cycle,
            List.of(a),
            List.of(),
            List.of(
                new CandidateVerdict(a, 1, "PROMOTED", "passed every gate", List.of()),
                new CandidateVerdict(b, 2, "REJECTED_BY_GATES", "9 trades < 20", List.of(gate)),
                new CandidateVerdict(b, 2, "CORRELATED", "a repeat", List.of())));

    List<Verdict> rows = ScoringMapper.verdicts(completed);

    assertThat(rows)
        .extracting(
            v -> v.strategyId, v -> v.rank, v -> v.outcome, v -> v.reason, v -> v.gates.checks())
        .containsExactly(
            tuple(a, 1, "PROMOTED", "passed every gate", List.of()),
            tuple(b, 2, "REJECTED_BY_GATES", "9 trades < 20", List.of(gate)));
    assertThat(rows).allSatisfy(v -> assertThat(v.cycleId).isEqualTo(cycle));
  }

  @Test
  void scorecardCorrelationsAreTheStrategysRowOfTheStoredMatrices() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    UUID live = UUID.randomUUID();
    double[][] among = {{1, 0.25, -0.5}, {0.25, 1, Double.NaN}, {-0.5, Double.NaN, 1}};
    double[][] withLive = {{0.125}, {0.75}, {Double.NaN}};
    Correlations correlations =
        Correlations.of(List.of(first, second, third), List.of(live), among, withLive);

    ScorecardCorrelations ofSecond = ScoringMapper.scorecardCorrelations(second, correlations);

    assertThat(ofSecond.computed()).isTrue();
    assertThat(ofSecond.withLive()).containsExactly(new CorrelationEntry(live, null, 0.75));
    // not comparable with the third: null
    assertThat(ofSecond.withCandidates())
        .containsExactly(
            new CorrelationEntry(first, 1, 0.25), new CorrelationEntry(third, 3, null));
    ScorecardCorrelations outside =
        ScoringMapper.scorecardCorrelations(UUID.randomUUID(), correlations);
    assertThat(outside.computed()).isFalse();
    assertThat(outside.note()).contains("not among the 3 best candidates");
    assertThat(outside.withLive()).isEmpty();
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
    return ScoringMapper.scoredResult(completed, false, UUID.randomUUID(), T);
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

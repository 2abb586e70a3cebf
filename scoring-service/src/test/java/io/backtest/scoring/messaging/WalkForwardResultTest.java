package io.backtest.scoring.messaging;

import static io.backtest.scoring.ScoringFixtures.EXECUTION;
import static io.backtest.scoring.ScoringFixtures.ROLLING;
import static io.backtest.scoring.ScoringFixtures.assertSameRanking;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.expectedScore;
import static io.backtest.scoring.ScoringFixtures.fold;
import static io.backtest.scoring.ScoringFixtures.row;
import static io.backtest.scoring.ScoringFixtures.storedBarsPerPoint;
import static io.backtest.scoring.ScoringFixtures.storedReturns;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.engine.selection.TrialHistory;
import io.backtest.scoring.KafkaTestBase;
import io.backtest.scoring.ScoringFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Results of cycles with a walk-forward analysis, several templates and long (compounded) return
 * series, against the real broker and database.
 */
@QuarkusTest
class WalkForwardResultTest extends KafkaTestBase {

  @Test
  void walkForwardResultIsStoredWithItsFoldsTrialsAndProvenance() throws SQLException {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    startWalkForwardCycle(cycleId, List.of(a));
    // three folds: in-sample Sharpe 1.9, 2.4, 1.1; out of sample 0.7, −0.3, 0.5
    WalkForwardSummary wf =
        new WalkForwardSummary(
            ROLLING,
            List.of(
                fold(0, 0, 120, 160, 12, 1.9, 0.7),
                fold(1, 40, 160, 200, 10, 2.4, -0.3),
                fold(2, 80, 200, 240, 14, 1.1, 0.5)),
            50,
            150,
            0.42);
    BacktestMetrics stitched =
        new BacktestMetrics(
            0.08, 0.13, 0.9, 1.2, 0.15, 37, 0.8667, 0.14, 9, 0.5555, 1.4, 210.0, -150.5, 41.25, 0.7,
            -0.35, 4.1, 120);
    BacktestCompleted result =
        completed(
            cycleId,
            a,
            UUID.randomUUID(),
            stitched,
            ReturnSeries.of(new double[] {0.01, -0.02, 0.005}),
            wf);
    publishResult(result);

    CycleScored scored = awaitCycleScored(cycleId).data();
    assertSameRanking(
        scored.ranking(), expectedScore(List.of(result), TrialHistory.NONE, 0).ranking());
    RankedStrategy ranked = scored.ranking().getFirst();
    // its 50 trials are the cycle's; out of sample, folds 0 and 2 made money, fold 1 lost
    assertThat(scored.cycleTrials()).isEqualTo(50);
    assertThat(scored.trials()).isEqualTo(50);
    assertThat(ranked.statistics().trials()).isEqualTo(50);
    assertThat(ranked.statistics().foldConsistency()).isEqualTo(2 / 3.0);
    assertThat(ranked.statistics().efficiency()).isEqualTo(0.42);
    assertThat(ranked.statistics().points()).isEqualTo(3);
    // three points are too few for 16 CSCV blocks of 2
    assertThat(scored.overfitting()).isNull();

    Map<String, Object> stored =
        row(
            "select fold_count, trials, evaluations, efficiency, fold_consistency, dataset_sha256,"
                + " seed, engine_version, max_drawdown_bars, calmar, avg_win, avg_loss, expectancy,"
                + " skewness, kurtosis, rank from strategy_result where backtest_id = ?",
            result.backtestId());
    assertThat(stored)
        .containsEntry("fold_count", 3)
        .containsEntry("trials", 50)
        .containsEntry("evaluations", 150)
        .containsEntry("efficiency", 0.42)
        .containsEntry("fold_consistency", 2 / 3.0)
        .containsEntry("rank", 1)
        .containsEntry("dataset_sha256", "5e".repeat(32))
        .containsEntry("seed", 42L)
        .containsEntry("engine_version", "0.1.0")
        .containsEntry("max_drawdown_bars", 37)
        .containsEntry("calmar", 0.8667)
        .containsEntry("avg_win", 210.0)
        .containsEntry("avg_loss", -150.5)
        .containsEntry("expectancy", 41.25)
        .containsEntry("skewness", -0.35)
        .containsEntry("kurtosis", 4.1);
    // per fold, in order, for the overfitting statistics
    Map<String, Object> folds =
        row(
            "select array_agg((f ->> 'inSampleSharpe')::float8 order by (f ->> 'index')::int) is_,"
                + " array_agg((f ->> 'outOfSampleSharpe')::float8 order by (f ->> 'index')::int)"
                + " oos, array_agg((f ->> 'outOfSampleFrom')::int order by (f ->> 'index')::int)"
                + " oos_from, min(walk_forward -> 'settings' ->> 'objective') objective"
                + " from strategy_result, jsonb_array_elements(walk_forward -> 'folds') f"
                + " where backtest_id = ?",
            result.backtestId());
    assertThat((Object[]) ((Array) folds.get("is_")).getArray()).containsExactly(1.9, 2.4, 1.1);
    assertThat((Object[]) ((Array) folds.get("oos")).getArray()).containsExactly(0.7, -0.3, 0.5);
    assertThat((Object[]) ((Array) folds.get("oos_from")).getArray())
        .containsExactly(120, 160, 200);
    assertThat(folds).containsEntry("objective", "sharpe");

    // the cycle keeps its templates and walk-forward settings
    Map<String, Object> cycle =
        row(
            "select templates, walk_forward ->> 'windows' windows,"
                + " (walk_forward ->> 'points')::int points from scoring_cycle where cycle_id = ?",
            cycleId);
    assertThat((Object[]) ((Array) cycle.get("templates")).getArray())
        .containsExactly("sma-crossover", "macd");
    assertThat(cycle).containsEntry("windows", "rolling").containsEntry("points", 50);
    // the series is comparable with those of the same data from out-of-sample bar 120 on
    assertThat(
            row("select alignment from return_series where backtest_id = ?", result.backtestId()))
        .containsEntry("alignment", "5e".repeat(32) + ":120:1");

    // the scorecard shows every metric, the walk-forward analysis and the provenance
    given()
        .get("/api/v1/strategies/{id}/scorecard", a)
        .then()
        .statusCode(200)
        .body("status", equalTo("RANKED"))
        .body("score", equalTo(ranked.score()))
        .body("statistics.trials", equalTo(50))
        .body("statistics.foldConsistency", equalTo(2 / 3.0))
        .body("statistics.deflatedSharpe", equalTo(ranked.statistics().deflatedSharpe()))
        .body("statistics.minBacktestYears", equalTo(ranked.statistics().minBacktestYears()))
        .body("metrics.sharpe", equalTo(0.9))
        .body("metrics.maxDrawdownBars", equalTo(37))
        .body("metrics.calmar", equalTo(0.8667))
        .body("metrics.avgWin", equalTo(210.0))
        .body("metrics.avgLoss", equalTo(-150.5))
        .body("metrics.expectancy", equalTo(41.25))
        .body("metrics.skewness", equalTo(-0.35))
        .body("metrics.kurtosis", equalTo(4.1))
        .body("walkForward.settings.windows", equalTo("rolling"))
        .body("walkForward.settings.points", equalTo(50))
        .body("walkForward.foldCount", equalTo(3))
        .body("walkForward.trials", equalTo(50))
        .body("walkForward.evaluations", equalTo(150))
        .body("walkForward.efficiency", equalTo(0.42))
        .body("walkForward.folds.inSampleSharpe", equalTo(List.of(1.9, 2.4, 1.1)))
        .body("walkForward.folds.outOfSampleSharpe", equalTo(List.of(0.7, -0.3, 0.5)))
        .body("walkForward.folds[1].parameters.fast", equalTo(10))
        .body("provenance.datasetSha256", equalTo("5e".repeat(32)))
        .body("provenance.seed", equalTo(42))
        .body("provenance.engineVersion", equalTo("0.1.0"));
    // and so does the leaderboard, for the metrics
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("items[0].metrics.maxDrawdownBars", equalTo(37))
        .body("items[0].metrics.kurtosis", equalTo(4.1))
        .body("items[0].statistics.foldConsistency", equalTo(2 / 3.0));
  }

  @Test
  void resultWithoutWalkForwardHasNoneOnItsScorecardAndNullForUndefinedMetrics() {
    UUID cycleId = UUID.randomUUID();
    UUID idle = UUID.randomUUID();
    startCycle(cycleId, List.of(idle));
    // no trades and no drawdown: calmar, avgWin, avgLoss, expectancy, profitFactor undefined
    publishResult(cycleId, idle, 0.0, 0.0, 0);
    awaitCycleScored(cycleId);

    given()
        .get("/api/v1/strategies/{id}/scorecard", idle)
        .then()
        .statusCode(200)
        .body("walkForward", nullValue())
        .body("metrics.calmar", nullValue())
        .body("metrics.avgWin", nullValue())
        .body("metrics.avgLoss", nullValue())
        .body("metrics.expectancy", nullValue())
        .body("metrics.maxDrawdownBars", equalTo(20))
        .body("provenance.engineVersion", equalTo("0.1.0"));
    assertThat(row("select walk_forward, trials from strategy_result where strategy_id = ?", idle))
        .containsEntry("walk_forward", null)
        .containsEntry("trials", null);
  }

  @Test
  void compoundedReturnSeriesIsStoredWithItsBarsPerPoint() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    startCycle(cycleId, List.of(a));
    // 5,001 bars exceed the event's 5,000-point bound: 2 bars a point, 2,501 points
    double[] perBar = new double[5_001];
    for (int i = 0; i < perBar.length; i++) {
      perBar[i] = i % 2 == 0 ? 0.02 : -0.01;
    }
    BacktestCompleted result =
        completed(
            cycleId,
            a,
            UUID.randomUUID(),
            ScoringFixtures.metrics(1.0, 0.1, 3),
            ReturnSeries.of(perBar),
            null);
    assertThat(result.returns().barsPerPoint()).isEqualTo(2);
    publishResult(result);
    awaitCycleScored(cycleId);

    assertThat(storedBarsPerPoint(result.backtestId())).isEqualTo(2);
    double[] points = storedReturns(result.backtestId());
    assertThat(points).hasSize(2_501);
    // (1 + 0.02)(1 − 0.01) − 1 = 0.0098 per pair; the last point is the lone bar 5,000: 0.02
    for (int p = 0; p < 2_500; p++) {
      assertThat(points[p]).as("point %d", p).isCloseTo(0.0098, within(1e-9));
    }
    assertThat(points[2_500]).isCloseTo(0.02, within(1e-9));
  }

  private static void startWalkForwardCycle(UUID cycleId, List<UUID> candidates) {
    kafka.publish(
        EventCatalog.CYCLE_STARTED,
        cycleId.toString(),
        new CycleStarted(
            cycleId,
            ScoringFixtures.dataset(cycleId),
            List.of("sma-crossover", "macd"),
            candidates.size(),
            42L,
            candidates,
            EXECUTION,
            ROLLING,
            null,
            Instant.parse("2026-03-02T09:00:00Z")),
        correlation(cycleId));
  }
}

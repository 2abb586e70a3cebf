package io.backtest.scoring.messaging;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.assertSameRanking;
import static io.backtest.scoring.ScoringFixtures.awaitProcessed;
import static io.backtest.scoring.ScoringFixtures.awaitScoring;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.dataset;
import static io.backtest.scoring.ScoringFixtures.expectedScore;
import static io.backtest.scoring.ScoringFixtures.fold;
import static io.backtest.scoring.ScoringFixtures.metrics;
import static io.backtest.scoring.ScoringFixtures.row;
import static io.backtest.scoring.ScoringFixtures.scoring;
import static io.backtest.scoring.ScoringFixtures.storedBarsPerPoint;
import static io.backtest.scoring.ScoringFixtures.storedReturns;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.RegimePerformance;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.engine.selection.CycleScore;
import io.backtest.engine.selection.TrialHistory;
import io.backtest.scoring.KafkaTestBase;
import io.backtest.scoring.ScoringFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A cycle's results arriving in any order, against the real broker and database. */
@QuarkusTest
class CycleScoringFlowTest extends KafkaTestBase {

  @Test
  void resultsArrivingBeforeAndAfterTheCycleStartAreScoredAndRankedOnceWhenTheCycleCloses() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();

    // A's result comes first, before anyone said the cycle started: stored and counted, not scored
    BacktestCompleted resultA = completed(cycleId, a, 1.2, 0.25, 8);
    EventEnvelope<BacktestCompleted> completedA = publishResult(resultA);
    JsonPath early = awaitScoring(cycleId);
    assertThat(early.getString("status")).isEqualTo("SCORING");
    assertThat(early.getInt("scored")).isEqualTo(1);
    assertThat(early.getString("expected")).isNull();
    assertThat(early.getString("startedAt")).isNull();
    assertThat(early.getString("diagnostics")).isNull();
    assertThat(row("select score, rank, statistics from strategy_result where strategy_id = ?", a))
        .containsEntry("score", null)
        .containsEntry("rank", null)
        .containsEntry("statistics", null);
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCORING"))
        .body("scored", equalTo(1))
        .body("total", equalTo(0))
        .body("items", empty())
        .body("diagnostics", nullValue());

    EventEnvelope<CycleStarted> started = startCycle(cycleId, List.of(a, b, c));
    BacktestCompleted resultB = completed(cycleId, b, 2.8, 0.1, 12);
    EventEnvelope<BacktestCompleted> completedB = publishResult(resultB);
    EventEnvelope<BacktestFailed> failedC =
        publishFailure(cycleId, c, "dataset window shorter than the slow average");

    EventEnvelope<CycleScored> scored = awaitCycleScored(cycleId);
    assertThat(scored.subject()).isEqualTo(cycleId.toString());
    assertThat(scored.source()).isEqualTo("/scoring-service");
    assertThat(scored.correlationId()).isEqualTo(correlation(cycleId));
    // whichever of the last three events was processed last completed the count
    assertThat(scored.causationId())
        .isIn(started.id().toString(), completedB.id().toString(), failedC.id().toString());
    CycleScored data = scored.data();
    assertThat(data.expected()).isEqualTo(3);
    assertThat(data.scored()).isEqualTo(2);
    assertThat(data.failed()).isEqualTo(1);
    // one trial each, and the failed one's estimated at their mean: 1 + 1 + 1
    CycleScore expected = expectedScore(List.of(resultA, resultB), TrialHistory.NONE, 1);
    assertThat(data.cycleTrials()).isEqualTo(3);
    assertThat(data.trials()).isEqualTo(3);
    assertThat(data.weights()).isEqualTo(ScoringWeights.DEFAULT);
    assertSameRanking(data.ranking(), expected.ranking());
    // B's Sharpe ratio of 2.8 against A's 1.2 (the fixtures' returns have exactly these)
    assertThat(data.ranking()).extracting(RankedStrategy::strategyId).containsExactly(b, a);
    assertThat(data.ranking().getFirst().statistics().sharpe()).isCloseTo(2.8, within(1e-4));
    assertThat(data.ranking().getFirst().statistics().trials()).isEqualTo(3);

    // one strategy.scored per ranked result, each caused by its backtest.completed
    List<EventEnvelope<StrategyScored>> perResult =
        kafka.awaitEvents(
            EventCatalog.STRATEGY_SCORED, e -> e.data().cycleId().equals(cycleId), 2, WAIT);
    RankedStrategy first = data.ranking().get(0);
    RankedStrategy second = data.ranking().get(1);
    assertThat(perResult)
        .extracting(
            EventEnvelope::subject,
            EventEnvelope::causationId,
            EventEnvelope::correlationId,
            e -> e.data().rank(),
            e -> e.data().score())
        .containsExactlyInAnyOrder(
            tuple(b.toString(), completedB.id().toString(), correlation(cycleId), 1, first.score()),
            tuple(
                a.toString(), completedA.id().toString(), correlation(cycleId), 2, second.score()));
    assertThat(perResult)
        .filteredOn(e -> e.data().strategyId().equals(b))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.data().metrics()).isEqualTo(resultB.metrics());
              assertThat(e.data().statistics()).isEqualTo(first.statistics());
            });
    // exactly once
    assertThat(cycleScoredEvents(cycleId)).hasSize(1);

    JsonPath progress = scoring(cycleId);
    assertThat(progress.getString("status")).isEqualTo("SCORED");
    assertThat(progress.getInt("expected")).isEqualTo(3);
    assertThat(progress.getInt("scored")).isEqualTo(2);
    assertThat(progress.getInt("failed")).isEqualTo(1);
    assertThat(progress.getInt("missing")).isZero();
    assertThat(progress.getString("startedAt")).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(progress.getString("scoredAt")).isNotNull();
    assertThat(progress.getString("completedAt")).isNull();
    assertThat(progress.getLong("diagnostics.trials")).isEqualTo(3);
    assertThat(progress.getLong("diagnostics.cycleTrials")).isEqualTo(3);

    // the leaderboard shows the same ranking, with the statistics and everything the results
    // carried
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("cycleId", equalTo(cycleId.toString()))
        .body("status", equalTo("SCORED"))
        .body("expected", equalTo(3))
        .body("scored", equalTo(2))
        .body("failed", equalTo(1))
        .body("page", equalTo(0))
        .body("size", equalTo(20))
        .body("total", equalTo(2))
        .body("diagnostics.trials", equalTo(3))
        .body("diagnostics.cycleTrials", equalTo(3))
        .body("diagnostics.weights.deflatedSharpe", equalTo(0.5))
        .body("diagnostics.formula", containsString("0.5 × deflatedSharpe"))
        // 4 points a block at 16 blocks: CSCV runs on the two candidates
        .body("diagnostics.overfitting.candidates", equalTo(2))
        .body("diagnostics.overfitting.partitions", equalTo(16))
        .body("diagnostics.overfitting.splits", equalTo(12870))
        .body("items.rank", equalTo(List.of(1, 2)))
        .body("items.strategyId", equalTo(List.of(b.toString(), a.toString())))
        .body("items.score", equalTo(List.of(first.score(), second.score())))
        .body("items[0].statistics.deflatedSharpe", equalTo(first.statistics().deflatedSharpe()))
        .body(
            "items[0].statistics.probabilisticSharpe",
            equalTo(first.statistics().probabilisticSharpe()))
        .body("items[0].statistics.sharpe", equalTo(first.statistics().sharpe()))
        .body("items[0].statistics.tStatistic", equalTo(first.statistics().tStatistic()))
        .body("items[0].statistics.foldConsistency", nullValue())
        .body("items[0].statistics.tradeCount", equalTo(12))
        .body("items[0].statistics.backtestYears", equalTo(96 / 252.0))
        .body("items[0].verdict", nullValue())
        .body("items[0].template", equalTo("sma-crossover"))
        .body("items[0].parameters.fast", equalTo(10))
        .body("items[0].parameters.slow", equalTo(50))
        .body("items[0].promoted", equalTo(false))
        .body("items[0].metrics.sharpe", equalTo(2.8))
        .body("items[0].metrics.maxDrawdown", equalTo(0.1))
        .body("items[0].metrics.tradeCount", equalTo(12))
        .body("items[0].metrics.sortino", equalTo(2.8 * 1.25))
        .body("items[0].metrics.profitFactor", equalTo(1.5))
        .body("items[0].metrics.barCount", equalTo(252))
        .body("items[1].metrics.totalReturn", equalTo(1.2 / 5));

    // the return series are kept as the event's binary32 encoding carries them, one bar a point,
    // with what makes them comparable: dataset digest, first out-of-sample bar, bars per point
    assertThat(storedReturns(resultA.backtestId())).containsExactly(resultA.returns().values());
    assertThat(storedReturns(resultB.backtestId())).containsExactly(resultB.returns().values());
    assertThat(storedBarsPerPoint(resultA.backtestId())).isEqualTo(1);
    assertThat(
            row("select alignment from return_series where backtest_id = ?", resultA.backtestId()))
        .containsEntry("alignment", "5e".repeat(32) + ":0:1");
  }

  @Test
  void redeliveredBacktestCompletedIsCountedOnceAndDoesNotCompleteTheCycleEarly() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    EventEnvelope<CycleStarted> started = startCycle(cycleId, List.of(a, b));

    BacktestCompleted resultA = completed(cycleId, a, 2.4, 0.2, 6);
    EventEnvelope<BacktestCompleted> first = publishResult(resultA);
    // the same event again (a redelivery), then the same result in a new event (a republish)
    kafka.publish(EventCatalog.BACKTEST_COMPLETED, first);
    EventEnvelope<BacktestCompleted> republished = publishResult(resultA);

    // all three share A's partition, so once the last is processed the others were
    awaitProcessed(republished.id(), "backtest-completed");
    // cycle.started travels on another topic: wait for it too before reading the progress
    awaitProcessed(started.id(), "cycle-started");
    JsonPath progress = scoring(cycleId);
    assertThat(progress.getString("status")).isEqualTo("SCORING");
    assertThat(progress.getInt("expected")).isEqualTo(2);
    assertThat(progress.getInt("scored")).isEqualTo(1);
    assertThat(progress.getInt("failed")).isZero();

    BacktestCompleted resultB = completed(cycleId, b, -0.5, 0.5, 3);
    publishResult(resultB);

    CycleScored scored = awaitCycleScored(cycleId).data();
    assertThat(scored.scored()).isEqualTo(2);
    assertThat(scored.failed()).isZero();
    assertThat(scored.cycleTrials()).isEqualTo(2);
    assertSameRanking(
        scored.ranking(), expectedScore(List.of(resultA, resultB), TrialHistory.NONE, 0).ranking());
    assertThat(scored.ranking()).extracting(RankedStrategy::strategyId).containsExactly(a, b);
    // one strategy.scored for A, however often its result came
    kafka.awaitEvents(EventCatalog.STRATEGY_SCORED, e -> e.data().strategyId().equals(a), 1, WAIT);
    assertThat(kafka.readEvents(EventCatalog.STRATEGY_SCORED, e -> e.data().strategyId().equals(a)))
        .hasSize(1);
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.strategyId", equalTo(List.of(a.toString(), b.toString())));
  }

  @Test
  void cycleWhoseResultsAllCameBeforeItsStartIsScoredWhenTheStartArrives() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    BacktestCompleted resultA = completed(cycleId, a, 1.0, 0.5, 2);
    EventEnvelope<BacktestCompleted> completedA = publishResult(resultA);
    EventEnvelope<BacktestFailed> failedB = publishFailure(cycleId, b, "no bars");
    awaitProcessed(completedA.id(), "backtest-completed");
    awaitProcessed(failedB.id(), "backtest-failed");
    assertThat(scoring(cycleId).getString("status")).isEqualTo("SCORING");

    EventEnvelope<CycleStarted> started = startCycle(cycleId, List.of(a, b));

    EventEnvelope<CycleScored> scored = awaitCycleScored(cycleId);
    assertThat(scored.causationId()).isEqualTo(started.id().toString());
    assertThat(scored.data().expected()).isEqualTo(2);
    assertThat(scored.data().scored()).isEqualTo(1);
    assertThat(scored.data().failed()).isEqualTo(1);
    // A's one trial, and B's estimated at their mean
    assertThat(scored.data().cycleTrials()).isEqualTo(2);
    assertSameRanking(
        scored.data().ranking(), expectedScore(List.of(resultA), TrialHistory.NONE, 1).ranking());
    assertThat(scored.data().ranking())
        .extracting(RankedStrategy::rank, RankedStrategy::strategyId)
        .containsExactly(tuple(1, a));
    // one candidate is no selection: no probability of backtest overfitting
    assertThat(scored.data().overfitting().pbo()).isNull();
    given()
        .get("/api/v1/cycles/{id}/scoring", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCORED"))
        .body("missing", equalTo(0))
        .body("scoredAt", notNullValue());
  }

  @Test
  void strategyThatNeverTradedScoresZero() {
    UUID cycleId = UUID.randomUUID();
    UUID idle = UUID.randomUUID();
    UUID loser = UUID.randomUUID();
    startCycle(cycleId, List.of(idle, loser));
    // a Sharpe ratio without trades is no evidence: 0, whatever its returns say
    BacktestCompleted idleResult = completed(cycleId, idle, 2.5, 0.0, 0);
    BacktestCompleted loserResult = completed(cycleId, loser, -0.4, 0.3, 5);
    publishResult(idleResult);
    publishResult(loserResult);

    CycleScored scored = awaitCycleScored(cycleId).data();
    assertSameRanking(
        scored.ranking(),
        expectedScore(List.of(idleResult, loserResult), TrialHistory.NONE, 0).ranking());
    assertThat(scored.ranking())
        .filteredOn(r -> r.strategyId().equals(idle))
        .singleElement()
        .satisfies(r -> assertThat(r.score()).isZero());
    given()
        .get("/api/v1/strategies/{id}/scorecard", idle)
        .then()
        .statusCode(200)
        .body("score", equalTo(0.0))
        .body("statistics.tradeCount", equalTo(0))
        .body("metrics.tradeCount", equalTo(0))
        .body("metrics.profitFactor", nullValue());
  }

  @Test
  void rankedResultsCarryTheirOutOfSampleFiguresPerRegimeOfTheDataset() {
    UUID cycleId = UUID.randomUUID();
    UUID walkForward = UUID.randomUUID();
    UUID whole = UUID.randomUUID();
    DatasetRef dataset = dataset(cycleId);
    // volatility from bar 100, trend from bar 130 (their warm-ups), both to the last bar, 251
    List<RegimeRun> runs =
        List.of(
            new RegimeRun("volatility", "NORMAL", 100, 150),
            new RegimeRun("volatility", "HIGH", 150, 200),
            new RegimeRun("volatility", "LOW", 200, 252),
            new RegimeRun("trend", "RANGING", 130, 220),
            new RegimeRun("trend", "TRENDING_UP", 220, 252));
    CycleStarted started =
        new CycleStarted(
            cycleId,
            dataset,
            List.of(ScoringFixtures.TEMPLATE),
            2,
            42L,
            List.of(walkForward, whole),
            ScoringFixtures.EXECUTION,
            ScoringFixtures.ROLLING,
            null,
            Instant.parse("2026-03-02T09:00:00Z"),
            runs);
    // out-of-sample windows [120, 160), [160, 200), [200, 240): 120 bars, 119 stitched returns
    WalkForwardSummary folds =
        new WalkForwardSummary(
            ScoringFixtures.ROLLING,
            List.of(
                fold(0, 0, 120, 160, 12, 1.9, 0.7),
                fold(1, 40, 160, 200, 10, 2.4, -0.3),
                fold(2, 80, 200, 240, 14, 1.1, 0.5)),
            5,
            15,
            0.42);
    BacktestCompleted resultWf =
        completed(
            cycleId,
            walkForward,
            UUID.randomUUID(),
            dataset,
            metrics(1.4, 0.12, 30),
            ReturnSeries.of(randomReturns(119, 11)),
            folds);
    // one backtest over the 252 bars of the fixtures' metrics: 251 returns
    BacktestCompleted resultWhole =
        completed(
            cycleId,
            whole,
            UUID.randomUUID(),
            dataset,
            metrics(0.9, 0.2, 14),
            ReturnSeries.of(randomReturns(251, 12)),
            null);

    startCycle(started);
    publishResult(resultWf);
    publishResult(resultWhole);
    CycleScored scored = awaitCycleScored(cycleId).data();

    // each point's dataset bar: return j covers stitched bar j + 1
    int[] wfBars = new int[119];
    for (int j = 0; j < 119; j++) {
      int stitched = j + 1;
      wfBars[j] =
          stitched < 40
              ? 120 + stitched
              : stitched < 80 ? 160 + stitched - 40 : 200 + stitched - 80;
    }
    int[] wholeBars = new int[251];
    for (int j = 0; j < 251; j++) {
      wholeBars[j] = j + 1;
    }
    RankedStrategy rankedWf = ranked(scored, walkForward);
    RankedStrategy rankedWhole = ranked(scored, whole);
    assertSameRegimes(rankedWf.regimes(), expectedRegimes(resultWf, wfBars, runs));
    assertSameRegimes(rankedWhole.regimes(), expectedRegimes(resultWhole, wholeBars, runs));
    // the walk-forward record ends on bars 121..239: LOW holds bars 200..239, 40 of its 119 points
    assertThat(rankedWf.regimes())
        .filteredOn(r -> r.regime().equals("LOW"))
        .singleElement()
        .satisfies(r -> assertThat(r.share()).isEqualTo(40 / 119.0));
    // bars 1..99 of the whole-dataset backtest are before the volatility warm-up: no regime
    assertThat(
            rankedWhole.regimes().stream()
                .filter(r -> r.detector().equals("volatility"))
                .mapToInt(RegimePerformance::points)
                .sum())
        .isEqualTo(252 - 100);

    // kept with the result and shown on its scorecard
    given()
        .get("/api/v1/strategies/{id}/scorecard", walkForward)
        .then()
        .statusCode(200)
        .body(
            "regimes.detector",
            equalTo(List.of("volatility", "volatility", "volatility", "trend", "trend")))
        .body("regimes.regime", equalTo(List.of("LOW", "NORMAL", "HIGH", "TRENDING_UP", "RANGING")))
        .body(
            "regimes.points",
            equalTo(rankedWf.regimes().stream().map(RegimePerformance::points).toList()))
        .body(
            "regimes.meanReturn",
            equalTo(rankedWf.regimes().stream().map(RegimePerformance::meanReturn).toList()))
        .body(
            "regimes.sharpe",
            equalTo(rankedWf.regimes().stream().map(RegimePerformance::sharpe).toList()));
  }

  @Test
  void aCycleWithoutRegimeRunsRanksWithoutPerRegimeFigures() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    assertThat(awaitCycleScored(cycleId).data().ranking().getFirst().regimes()).isEmpty();
    given()
        .get("/api/v1/strategies/{id}/scorecard", a)
        .then()
        .statusCode(200)
        .body("regimes", empty());
  }

  private static RankedStrategy ranked(CycleScored scored, UUID strategyId) {
    return scored.ranking().stream()
        .filter(r -> r.strategyId().equals(strategyId))
        .findFirst()
        .orElseThrow();
  }

  private static double[] randomReturns(int n, long seed) {
    Random random = new Random(seed);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = 0.0004 + 0.01 * random.nextGaussian();
    }
    return r;
  }

  /**
   * The figures per regime computed here from the event's points: each point in the run covering
   * its bar; mean, Sharpe ratio (sample standard deviation, 252 points a year), compounded return,
   * share of all points; volatility then trend, each detector's regimes in enum order.
   */
  private static List<RegimePerformance> expectedRegimes(
      BacktestCompleted result, int[] bars, List<RegimeRun> runs) {
    double[] points = result.returns().values();
    List<RegimePerformance> expected = new ArrayList<>();
    Map<String, List<String>> order =
        Map.of(
            "volatility", List.of("LOW", "NORMAL", "HIGH"),
            "trend", List.of("TRENDING_UP", "TRENDING_DOWN", "RANGING"));
    for (String detector : List.of("volatility", "trend")) {
      for (String regime : order.get(detector)) {
        List<Double> in = new ArrayList<>();
        for (int p = 0; p < points.length; p++) {
          int bar = bars[p];
          boolean covered =
              runs.stream()
                  .anyMatch(
                      r ->
                          r.detector().equals(detector)
                              && r.regime().equals(regime)
                              && bar >= r.fromIndex()
                              && bar < r.toIndex());
          if (covered) {
            in.add(points[p]);
          }
        }
        if (in.isEmpty()) {
          continue;
        }
        int k = in.size();
        double mean = in.stream().mapToDouble(Double::doubleValue).sum() / k;
        double squares = in.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = k < 2 ? 0 : Math.sqrt(squares / (k - 1));
        double growth = 1;
        for (double v : in) {
          growth *= 1 + v;
        }
        expected.add(
            new RegimePerformance(
                detector,
                regime,
                k,
                mean,
                sd > 0 ? mean / sd * Math.sqrt(252) : 0,
                growth - 1,
                (double) k / points.length));
      }
    }
    return expected;
  }

  private static void assertSameRegimes(
      List<RegimePerformance> actual, List<RegimePerformance> expected) {
    assertThat(expected).isNotEmpty();
    assertThat(actual)
        .usingRecursiveFieldByFieldElementComparator(
            org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                .withComparatorForType(ScoringFixtures::closeTo, Double.class)
                .build())
        .containsExactlyElementsOf(expected);
  }
}

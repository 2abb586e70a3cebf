package io.backtest.scoring.messaging;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.awaitProcessed;
import static io.backtest.scoring.ScoringFixtures.awaitScoring;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.scoring;
import static io.backtest.scoring.ScoringFixtures.storedBarsPerPoint;
import static io.backtest.scoring.ScoringFixtures.storedReturns;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.scoring.KafkaTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A cycle's results arriving in any order, against the real broker and database. */
@QuarkusTest
class CycleScoringFlowTest extends KafkaTestBase {

  @Test
  void resultsArrivingBeforeAndAfterTheCycleStartAreScoredAndRankedOnce() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();

    // A's result comes first, before anyone said the cycle started
    BacktestCompleted resultA = completed(cycleId, a, 1.2, 0.25, 8);
    EventEnvelope<BacktestCompleted> completedA = publishResult(resultA);
    JsonPath early = awaitScoring(cycleId);
    assertThat(early.getString("status")).isEqualTo("SCORING");
    assertThat(early.getInt("scored")).isEqualTo(1);
    assertThat(early.getString("expected")).isNull();
    assertThat(early.getString("startedAt")).isNull();

    EventEnvelope<CycleStarted> started = startCycle(cycleId, List.of(a, b, c));
    BacktestCompleted resultB = completed(cycleId, b, 1.8, 0.1, 12);
    EventEnvelope<BacktestCompleted> completedB = publishResult(resultB);
    EventEnvelope<BacktestFailed> failedC =
        publishFailure(cycleId, c, "dataset window shorter than the slow average");

    EventEnvelope<CycleScored> scored = awaitCycleScored(cycleId);
    // B: 1.8 × (1 − 0.1) = 1.62; A: 1.2 × (1 − 0.25) = 0.9
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
    assertThat(data.ranking())
        .extracting(
            RankedStrategy::rank,
            RankedStrategy::strategyId,
            RankedStrategy::score,
            RankedStrategy::totalReturn,
            RankedStrategy::sharpe,
            RankedStrategy::maxDrawdown)
        .containsExactly(
            tuple(1, b, 1.62, 1.8 / 5, 1.8, 0.1), tuple(2, a, 0.9, 1.2 / 5, 1.2, 0.25));

    // one strategy.scored per result, each caused by its backtest.completed
    List<EventEnvelope<StrategyScored>> perResult =
        kafka.awaitEvents(
            EventCatalog.STRATEGY_SCORED, e -> e.data().cycleId().equals(cycleId), 2, WAIT);
    assertThat(perResult)
        .extracting(
            EventEnvelope::subject,
            EventEnvelope::causationId,
            EventEnvelope::correlationId,
            e -> e.data().score())
        .containsExactlyInAnyOrder(
            tuple(a.toString(), completedA.id().toString(), correlation(cycleId), 0.9),
            tuple(b.toString(), completedB.id().toString(), correlation(cycleId), 1.62));
    assertThat(perResult)
        .filteredOn(e -> e.data().strategyId().equals(b))
        .singleElement()
        .satisfies(e -> assertThat(e.data().metrics()).isEqualTo(resultB.metrics()));
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

    // the leaderboard shows the same ranking, with everything the results carried
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
        .body("items.rank", equalTo(List.of(1, 2)))
        .body("items.strategyId", equalTo(List.of(b.toString(), a.toString())))
        .body("items.score", equalTo(List.of(1.62, 0.9)))
        .body("items[0].template", equalTo("sma-crossover"))
        .body("items[0].parameters.fast", equalTo(10))
        .body("items[0].parameters.slow", equalTo(50))
        .body("items[0].promoted", equalTo(false))
        .body("items[0].metrics.sharpe", equalTo(1.8))
        .body("items[0].metrics.maxDrawdown", equalTo(0.1))
        .body("items[0].metrics.tradeCount", equalTo(12))
        .body("items[0].metrics.sortino", equalTo(1.8 * 1.25))
        .body("items[0].metrics.profitFactor", equalTo(1.5))
        .body("items[0].metrics.barCount", equalTo(252))
        .body("items[1].metrics.totalReturn", equalTo(1.2 / 5));

    // the return series are kept for correlation: the fixture's per-bar returns, as the event's
    // binary32 encoding carries them, one bar per point
    double[] sent = {(float) 0.01, (float) -0.005, 0.0, (float) 0.0125};
    assertThat(storedReturns(resultA.backtestId())).containsExactly(sent);
    assertThat(storedReturns(resultB.backtestId())).containsExactly(sent);
    assertThat(storedBarsPerPoint(resultA.backtestId())).isEqualTo(1);
  }

  @Test
  void redeliveredBacktestCompletedIsScoredOnceAndDoesNotCompleteTheCycleEarly() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    EventEnvelope<CycleStarted> started = startCycle(cycleId, List.of(a, b));

    BacktestCompleted resultA = completed(cycleId, a, 0.9, 0.2, 6);
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

    publishResult(cycleId, b, 0.5, 0.5, 3);

    CycleScored scored = awaitCycleScored(cycleId).data();
    // A: 0.9 × 0.8 = 0.72; B: 0.5 × 0.5 = 0.25
    assertThat(scored.scored()).isEqualTo(2);
    assertThat(scored.failed()).isZero();
    assertThat(scored.ranking())
        .extracting(RankedStrategy::strategyId, RankedStrategy::score)
        .containsExactly(tuple(a, 0.72), tuple(b, 0.25));
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
    EventEnvelope<BacktestCompleted> completedA = publishResult(cycleId, a, 1.0, 0.5, 2);
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
    // 1.0 × (1 − 0.5) = 0.5
    assertThat(scored.data().ranking())
        .extracting(RankedStrategy::rank, RankedStrategy::strategyId, RankedStrategy::score)
        .containsExactly(tuple(1, a, 0.5));
    given()
        .get("/api/v1/cycles/{id}/scoring", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCORED"))
        .body("missing", equalTo(0))
        .body("scoredAt", notNullValue());
  }

  @Test
  void strategyThatNeverTradedIsRankedWithScoreZero() {
    UUID cycleId = UUID.randomUUID();
    UUID idle = UUID.randomUUID();
    UUID loser = UUID.randomUUID();
    startCycle(cycleId, List.of(idle, loser));
    // a Sharpe ratio without trades is no evidence: 0; the loser: −0.4 × (1 − 0.3) = −0.28
    publishResult(cycleId, idle, 2.5, 0.0, 0);
    publishResult(cycleId, loser, -0.4, 0.3, 5);

    CycleScored scored = awaitCycleScored(cycleId).data();
    assertThat(scored.ranking())
        .extracting(RankedStrategy::strategyId, RankedStrategy::score)
        .containsExactly(tuple(idle, 0.0), tuple(loser, -0.28));
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("items[0].metrics.tradeCount", equalTo(0))
        .body("items[0].metrics.profitFactor", nullValue());
  }
}

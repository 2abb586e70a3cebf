package io.backtest.scoring.service;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.awaitProcessed;
import static io.backtest.scoring.ScoringFixtures.awaitStatus;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.promotedOnLeaderboard;
import static io.backtest.scoring.ScoringFixtures.scoring;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.scoring.KafkaTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cycle with a lost result is closed after {@code scoring.cycle-timeout} (20 s in the test
 * profile, checked every second).
 */
@QuarkusTest
class CycleTimeoutCheckTest extends KafkaTestBase {
  /** Timeout, plus the start-up grace period of the same length, plus slack for a loaded box. */
  private static final Duration TIMEOUT_WAIT = Duration.ofSeconds(120);

  @Test
  void cycleWithALostResultIsClosedAfterTheTimeoutWithTheMissingOneCountedAsFailed() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID lost = UUID.randomUUID();
    startCycle(cycleId, List.of(a, b, lost));
    publishResult(cycleId, a, 1.4, 0.3, 9);
    publishFailure(cycleId, b, "no bars");

    EventEnvelope<CycleScored> scored = awaitCycleScored(cycleId, TIMEOUT_WAIT);
    // no event completed the count: the timeout did, so nothing caused it but the silence
    assertThat(scored.causationId()).isNull();
    assertThat(scored.correlationId()).isEqualTo(correlation(cycleId));
    assertThat(scored.data().expected()).isEqualTo(3);
    assertThat(scored.data().scored()).isEqualTo(1);
    assertThat(scored.data().failed()).isEqualTo(2);
    // 1.4 × (1 − 0.3) = 0.98
    assertThat(scored.data().ranking())
        .extracting(RankedStrategy::rank, RankedStrategy::strategyId, RankedStrategy::score)
        .containsExactly(tuple(1, a, 0.98));

    JsonPath progress = scoring(cycleId);
    assertThat(progress.getString("status")).isEqualTo("TIMED_OUT");
    assertThat(progress.getInt("expected")).isEqualTo(3);
    assertThat(progress.getInt("scored")).isEqualTo(1);
    assertThat(progress.getInt("failed")).isEqualTo(2);
    assertThat(progress.getInt("missing")).isEqualTo(1);
    assertThat(progress.getString("scoredAt")).isNotNull();

    // the lost result turns up after all: scored and kept, but the published ranking stands
    BacktestCompleted late = completed(cycleId, lost, 3.0, 0.1, 20);
    EventEnvelope<BacktestCompleted> lateEvent = publishResult(late);
    EventEnvelope<StrategyScored> lateScore =
        kafka
            .awaitEvents(
                EventCatalog.STRATEGY_SCORED, e -> e.data().strategyId().equals(lost), 1, WAIT)
            .getFirst();
    assertThat(lateScore.causationId()).isEqualTo(lateEvent.id().toString());
    assertThat(lateScore.data().score()).isEqualTo(2.7);
    awaitProcessed(lateEvent.id(), "backtest-completed");

    JsonPath after = scoring(cycleId);
    assertThat(after.getString("status")).isEqualTo("TIMED_OUT");
    assertThat(after.getInt("scored")).isEqualTo(1);
    assertThat(after.getInt("failed")).isEqualTo(2);
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("TIMED_OUT"))
        .body("total", equalTo(1))
        .body("items.strategyId", equalTo(List.of(a.toString())));
    given()
        .get("/api/v1/strategies/{id}/scorecard", lost)
        .then()
        .statusCode(200)
        .body("score", equalTo(2.7))
        .body("rank", nullValue());
    // the late result's strategy.scored is out, and still only one cycle.scored
    assertThat(cycleScoredEvents(cycleId)).hasSize(1);
  }

  @Test
  void cycleWhoseStartNeverArrivedIsClosedWithTheResultsThatAreInAndCompletedByItsDecision() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    publishResult(cycleId, a, 0.6, 0.5, 4);

    CycleScored scored = awaitCycleScored(cycleId, TIMEOUT_WAIT).data();
    // nothing announced how many to expect: what is in is all there is; 0.6 × 0.5 = 0.3
    assertThat(scored.expected()).isEqualTo(1);
    assertThat(scored.scored()).isEqualTo(1);
    assertThat(scored.failed()).isZero();
    assertThat(scored.ranking())
        .extracting(RankedStrategy::strategyId, RankedStrategy::score)
        .containsExactly(tuple(a, 0.3));
    given()
        .get("/api/v1/cycles/{id}/scoring", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("TIMED_OUT"))
        .body("missing", equalTo(0))
        .body("startedAt", nullValue());

    // a timed-out cycle is decided like a scored one
    publishDecision(cycleId, List.of(a), List.of());
    awaitStatus(cycleId, "COMPLETED");
    assertThat(promotedOnLeaderboard(cycleId)).containsExactly(a.toString());
    assertThat(scoring(cycleId).getInt("missing")).isZero();
  }
}

package io.backtest.scoring.service;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.assertSameRanking;
import static io.backtest.scoring.ScoringFixtures.awaitProcessed;
import static io.backtest.scoring.ScoringFixtures.awaitStatus;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.cycleStarted;
import static io.backtest.scoring.ScoringFixtures.expectedScore;
import static io.backtest.scoring.ScoringFixtures.promotedOnLeaderboard;
import static io.backtest.scoring.ScoringFixtures.row;
import static io.backtest.scoring.ScoringFixtures.scoring;
import static io.backtest.scoring.ScoringFixtures.walkForwardCompleted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.engine.selection.TrialHistory;
import io.backtest.scoring.KafkaTestBase;
import io.backtest.scoring.ScoringFixtures;
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
  void timedOutCycleRanksWhatIsInAndCountsTheMissingResultsTrials() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID lost = UUID.randomUUID();
    DatasetRef dataset = ScoringFixtures.dataset(cycleId);
    startCycle(cycleStarted(cycleId, List.of(a, b, lost), dataset, ScoringFixtures.ROLLING, null));
    // A tried 40 parameter sets; B's backtest failed and the lost one never reports
    BacktestCompleted resultA = walkForwardCompleted(cycleId, a, dataset, 40, 1.4, 7);
    publishResult(resultA);
    publishFailure(cycleId, b, "no bars");

    EventEnvelope<CycleScored> scored = awaitCycleScored(cycleId, TIMEOUT_WAIT);
    // no event completed the count: the timeout did, so nothing caused it but the silence
    assertThat(scored.causationId()).isNull();
    assertThat(scored.correlationId()).isEqualTo(correlation(cycleId));
    assertThat(scored.data().expected()).isEqualTo(3);
    assertThat(scored.data().scored()).isEqualTo(1);
    assertThat(scored.data().failed()).isEqualTo(2);
    // 40 tried by A, and the failed and the lost one estimated at the scored ones' mean: 2 × 40
    assertThat(scored.data().cycleTrials()).isEqualTo(120);
    assertThat(scored.data().trials()).isEqualTo(120);
    assertSameRanking(
        scored.data().ranking(), expectedScore(List.of(resultA), TrialHistory.NONE, 80).ranking());
    assertThat(scored.data().ranking())
        .extracting(RankedStrategy::rank, RankedStrategy::strategyId)
        .containsExactly(tuple(1, a));
    assertThat(scored.data().ranking().getFirst().statistics().trials()).isEqualTo(120);
    // A's strategy.scored went out with the close
    assertThat(
            kafka.awaitEvents(
                EventCatalog.STRATEGY_SCORED, e -> e.data().strategyId().equals(a), 1, WAIT))
        .singleElement()
        .satisfies(e -> assertThat(e.data().rank()).isEqualTo(1));

    JsonPath progress = scoring(cycleId);
    assertThat(progress.getString("status")).isEqualTo("TIMED_OUT");
    assertThat(progress.getInt("expected")).isEqualTo(3);
    assertThat(progress.getInt("scored")).isEqualTo(1);
    assertThat(progress.getInt("failed")).isEqualTo(2);
    assertThat(progress.getInt("missing")).isEqualTo(1);
    assertThat(progress.getString("scoredAt")).isNotNull();
    assertThat(progress.getLong("diagnostics.cycleTrials")).isEqualTo(120);
    assertThat(row("select trials from trial_ledger where cycle_id = ?", cycleId))
        .containsEntry("trials", 120L);

    // the lost result turns up after all: kept, never scored, and the published ranking stands
    BacktestCompleted late = completed(cycleId, lost, 3.0, 0.1, 20);
    EventEnvelope<BacktestCompleted> lateEvent = publishResult(late);
    awaitProcessed(lateEvent.id(), "backtest-completed");
    assertThat(
            kafka.readEvents(EventCatalog.STRATEGY_SCORED, e -> e.data().strategyId().equals(lost)))
        .isEmpty();

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
        .body("status", equalTo("LATE"))
        .body("score", nullValue())
        .body("rank", nullValue())
        .body("statistics", nullValue())
        .body("metrics.sharpe", equalTo(3.0));
    // still only one cycle.scored
    assertThat(cycleScoredEvents(cycleId)).hasSize(1);
  }

  @Test
  void cycleWhoseStartNeverArrivedIsClosedWithTheResultsThatAreInAndCompletedByItsDecision() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    BacktestCompleted result = completed(cycleId, a, 0.6, 0.5, 4);
    publishResult(result);

    CycleScored scored = awaitCycleScored(cycleId, TIMEOUT_WAIT).data();
    // nothing announced how many to expect: what is in is all there is
    assertThat(scored.expected()).isEqualTo(1);
    assertThat(scored.scored()).isEqualTo(1);
    assertThat(scored.failed()).isZero();
    assertThat(scored.cycleTrials()).isEqualTo(1);
    assertSameRanking(
        scored.ranking(), expectedScore(List.of(result), TrialHistory.NONE, 0).ranking());
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

package io.backtest.scoring.messaging;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.assertSameRanking;
import static io.backtest.scoring.ScoringFixtures.awaitExpected;
import static io.backtest.scoring.ScoringFixtures.awaitProcessed;
import static io.backtest.scoring.ScoringFixtures.awaitScoring;
import static io.backtest.scoring.ScoringFixtures.awaitStatus;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.count;
import static io.backtest.scoring.ScoringFixtures.cycleCompleted;
import static io.backtest.scoring.ScoringFixtures.cycleStarted;
import static io.backtest.scoring.ScoringFixtures.demoted;
import static io.backtest.scoring.ScoringFixtures.expectedScore;
import static io.backtest.scoring.ScoringFixtures.failed;
import static io.backtest.scoring.ScoringFixtures.liveOnScorecard;
import static io.backtest.scoring.ScoringFixtures.promoted;
import static io.backtest.scoring.ScoringFixtures.promotedOnLeaderboard;
import static io.backtest.scoring.ScoringFixtures.scoring;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.GateCheck;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.engine.selection.TrialHistory;
import io.backtest.scoring.KafkaTestBase;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every consumed topic: a redelivered event has one effect, and a malformed record goes to the
 * topic's dead-letter queue with its reason while the consumer goes on.
 */
@QuarkusTest
class ScoringEventConsumerTest extends KafkaTestBase {

  // --- cycle.started -------------------------------------------------------------------------

  @Test
  void redeliveredCycleStartedChangesNothing() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    EventEnvelope<CycleStarted> started = startCycle(cycleId, List.of(a, b));
    kafka.publish(EventCatalog.CYCLE_STARTED, started);
    // a later announcement of the same cycle with other numbers does not replace the first
    EventEnvelope<CycleStarted> repeated = startCycle(cycleId, List.of(a, b, UUID.randomUUID()));
    awaitProcessed(repeated.id(), "cycle-started");
    assertThat(scoring(cycleId).getInt("expected")).isEqualTo(2);

    publishResult(cycleId, a, 1.0, 0.2, 3);
    publishResult(cycleId, b, 2.0, 0.2, 3);

    CycleScored scored = awaitCycleScored(cycleId).data();
    assertThat(scored.expected()).isEqualTo(2);
    assertThat(scored.scored()).isEqualTo(2);
    assertThat(scoring(cycleId).getString("status")).isEqualTo("SCORED");
  }

  @Test
  void malformedCycleStartedIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
    UUID cycleId = UUID.randomUUID();
    String key = cycleId.toString();
    // zero candidates: CycleStarted refuses it when it is read
    String payload =
        EventJson.write(cycleStarted(cycleId, List.of(UUID.randomUUID())))
            .replace("\"candidates\":1", "\"candidates\":0");
    publishRaw(EventCatalog.CYCLE_STARTED, key, payload);

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.CYCLE_STARTED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid CycleStarted")
        .contains("candidates must be >= 1");
    assertThat(dead.value()).isEqualTo(payload);

    // the next record of the same partition is processed
    startCycle(cycleId, List.of(UUID.randomUUID(), UUID.randomUUID()));
    awaitExpected(cycleId, 2);
  }

  // --- backtest.completed (redelivery: CycleScoringFlowTest) ----------------------------------

  @Test
  void malformedBacktestCompletedIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    String key = a.toString();
    String payload =
        EventJson.write(completed(cycleId, a, 1.0, 0.1, 2))
            .replaceFirst("\"sharpe\":1\\.0", "\"sharpe\":\"high\"");
    assertThat(payload).contains("\"sharpe\":\"high\"");
    publishRaw(EventCatalog.BACKTEST_COMPLETED, key, payload);
    publishRaw(EventCatalog.BACKTEST_COMPLETED, key, "{not json");

    List<ConsumerRecord<String, String>> dead =
        kafka.await(
            kafka.topic(Topics.dlq(Topics.BACKTEST_COMPLETED)), r -> key.equals(r.key()), 2, WAIT);
    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dead-letter-reason"))
        .allSatisfy(reason -> assertThat(reason).contains("not a valid BacktestCompleted"))
        .anySatisfy(reason -> assertThat(reason).contains("metrics.sharpe"));

    // nothing of it was stored, and the consumer goes on with the next record
    startCycle(cycleId, List.of(a));
    BacktestCompleted valid = completed(cycleId, a, 1.0, 0.1, 2);
    publishResult(valid);
    CycleScored scored = awaitCycleScored(cycleId).data();
    assertThat(scored.scored()).isEqualTo(1);
    assertSameRanking(
        scored.ranking(), expectedScore(List.of(valid), TrialHistory.NONE, 0).ranking());
  }

  // --- backtest.failed -----------------------------------------------------------------------

  @Test
  void redeliveredBacktestFailedIsCountedOnce() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    startCycle(cycleId, List.of(a, b));
    BacktestFailed failure = failed(cycleId, a, "worker ran out of memory");
    EventEnvelope<BacktestFailed> first =
        kafka.publish(EventCatalog.BACKTEST_FAILED, a.toString(), failure, correlation(cycleId));
    kafka.publish(EventCatalog.BACKTEST_FAILED, first);
    EventEnvelope<BacktestFailed> republished =
        kafka.publish(EventCatalog.BACKTEST_FAILED, a.toString(), failure, correlation(cycleId));
    awaitProcessed(republished.id(), "backtest-failed");

    // cycle.started travels on another topic: wait until it is in too
    awaitExpected(cycleId, 2);
    JsonPath progress = scoring(cycleId);
    assertThat(progress.getString("status")).isEqualTo("SCORING");
    assertThat(progress.getInt("failed")).isEqualTo(1);

    publishResult(cycleId, b, 1.0, 0.0, 1);
    CycleScored scored = awaitCycleScored(cycleId).data();
    assertThat(scored.failed()).isEqualTo(1);
    assertThat(scored.scored()).isEqualTo(1);
    // the reason is kept: a scorecard request for the failed strategy says why there is none
    given()
        .get("/api/v1/strategies/{id}/scorecard", a)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("worker ran out of memory"));
  }

  @Test
  void malformedBacktestFailedIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    String key = a.toString();
    String payload =
        EventJson.write(failed(cycleId, a, "x")).replace("\"reason\":\"x\"", "\"reason\":\" \"");
    publishRaw(EventCatalog.BACKTEST_FAILED, key, payload);

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.BACKTEST_FAILED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid BacktestFailed")
        .contains("reason must not be blank");

    EventEnvelope<BacktestFailed> valid = publishFailure(cycleId, a, "no data");
    awaitProcessed(valid.id(), "backtest-failed");
    assertThat(scoring(cycleId).getInt("failed")).isEqualTo(1);
  }

  // --- strategy.promoted / strategy.demoted: the live standing, on scorecards -----------------

  @Test
  void redeliveredPromotionDoesNotUndoALaterDemotion() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    EventEnvelope<StrategyPromoted> promotion =
        kafka.publish(
            EventCatalog.STRATEGY_PROMOTED, a.toString(), promoted(a, cycleId, 1, t), "corr");
    await().atMost(WAIT).until(() -> liveOnScorecard(a));
    kafka.publish(
        EventCatalog.STRATEGY_DEMOTED,
        a.toString(),
        demoted(a, "drift beyond 3 sigma", t.plusSeconds(60)),
        "corr");
    await().atMost(WAIT).until(() -> !liveOnScorecard(a));

    kafka.publish(EventCatalog.STRATEGY_PROMOTED, promotion);
    // an event behind the redelivery on the same partition (same key) marks when it was handled
    EventEnvelope<StrategyPromoted> marker =
        kafka.publish(
            EventCatalog.STRATEGY_PROMOTED,
            a.toString(),
            promoted(UUID.randomUUID(), cycleId, 2, t),
            "corr");
    awaitProcessed(marker.id(), "strategy-promoted");

    given()
        .get("/api/v1/strategies/{id}/scorecard", a)
        .then()
        .statusCode(200)
        .body("live", equalTo(false))
        .body("promotedAt", equalTo("2026-03-02T10:00:00Z"))
        .body("demotedAt", equalTo("2026-03-02T10:01:00Z"))
        .body("demotionReason", equalTo("drift beyond 3 sigma"));
    // the live standing is not the cycle's decision: the leaderboard shows only the latter
    assertThat(promotedOnLeaderboard(cycleId)).isEmpty();
  }

  @Test
  void redeliveredDemotionDoesNotUndoALaterPromotion() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    Instant t = Instant.parse("2026-03-03T10:00:00Z");
    kafka.publish(EventCatalog.STRATEGY_PROMOTED, a.toString(), promoted(a, cycleId, 1, t), "corr");
    EventEnvelope<StrategyDemoted> demotion =
        kafka.publish(
            EventCatalog.STRATEGY_DEMOTED,
            a.toString(),
            demoted(a, "regime changed", t.plusSeconds(60)),
            "corr");
    awaitProcessed(demotion.id(), "strategy-demoted");
    // promoted again later (an operator's rollback of the demotion)
    kafka.publish(
        EventCatalog.STRATEGY_PROMOTED,
        a.toString(),
        promoted(a, cycleId, 1, t.plusSeconds(120)),
        "corr");
    await().atMost(WAIT).until(() -> liveOnScorecard(a));

    kafka.publish(EventCatalog.STRATEGY_DEMOTED, demotion);
    EventEnvelope<StrategyDemoted> marker =
        kafka.publish(
            EventCatalog.STRATEGY_DEMOTED,
            a.toString(),
            demoted(UUID.randomUUID(), "marker", t),
            "corr");
    awaitProcessed(marker.id(), "strategy-demoted");

    assertThat(liveOnScorecard(a)).isTrue();
  }

  @Test
  void malformedStrategyPromotedIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    String key = a.toString();
    Instant t = Instant.parse("2026-03-04T10:00:00Z");
    String payload =
        EventJson.write(promoted(a, cycleId, 1, t)).replace("\"liveCount\":1", "\"liveCount\":36");
    publishRaw(EventCatalog.STRATEGY_PROMOTED, key, payload);

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.STRATEGY_PROMOTED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid StrategyPromoted")
        .contains("liveCount 36 exceeds the cap 35");
    assertThat(liveOnScorecard(a)).isFalse();

    kafka.publish(EventCatalog.STRATEGY_PROMOTED, key, promoted(a, cycleId, 1, t), "corr");
    await().atMost(WAIT).until(() -> liveOnScorecard(a));
  }

  @Test
  void malformedStrategyDemotedIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    String key = a.toString();
    Instant t = Instant.parse("2026-03-05T10:00:00Z");
    kafka.publish(EventCatalog.STRATEGY_PROMOTED, key, promoted(a, cycleId, 1, t), "corr");
    await().atMost(WAIT).until(() -> liveOnScorecard(a));
    publishRaw(
        EventCatalog.STRATEGY_DEMOTED,
        key,
        "{\"strategyId\":\"" + a + "\",\"reason\":\"no time\"}");

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.STRATEGY_DEMOTED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid StrategyDemoted");
    assertThat(liveOnScorecard(a)).isTrue();

    kafka.publish(
        EventCatalog.STRATEGY_DEMOTED, key, demoted(a, "drift", t.plusSeconds(1)), "corr");
    await().atMost(WAIT).until(() -> !liveOnScorecard(a));
  }

  @Test
  void recordWithoutCloudEventsHeadersIsDeadLettered() {
    String key = "no-headers-" + UUID.randomUUID();
    kafka.publishRaw(kafka.topic(Topics.STRATEGY_DEMOTED), key, "{}", Map.of());
    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.STRATEGY_DEMOTED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("no CloudEvents headers");
  }

  // --- cycle.completed: the cycle's decision, on its leaderboard ------------------------------

  @Test
  void cycleCompletedMarksExactlyTheStrategiesItPromotedRecordsTheVerdictsAndCompletesTheCycle() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    UUID replaced = UUID.randomUUID();
    startCycle(cycleId, List.of(a, b, c));
    publishResult(cycleId, a, 3.0, 0.1, 10);
    publishResult(cycleId, b, 1.5, 0.2, 10);
    publishResult(cycleId, c, -1.0, 0.5, 10);
    List<UUID> ranked =
        awaitCycleScored(cycleId).data().ranking().stream()
            .map(RankedStrategy::strategyId)
            .toList();
    assertThat(ranked).containsExactly(a, b, c);
    // live before the decision is recorded: the leaderboard still shows no promotion
    kafka.publish(
        EventCatalog.STRATEGY_PROMOTED,
        a.toString(),
        promoted(a, cycleId, 1, Instant.parse("2026-03-02T09:04:00Z")),
        correlation(cycleId));
    await().atMost(WAIT).until(() -> liveOnScorecard(a));
    assertThat(scoring(cycleId).getString("status")).isEqualTo("SCORED");
    assertThat(promotedOnLeaderboard(cycleId)).isEmpty();

    GateCheck dsr = new GateCheck("deflated-sharpe", 0.97, 0.95, true, "DSR 0.97 >= 0.95");
    GateCheck trades = new GateCheck("min-trades", 10, 20, false, "10 trades < 20");
    List<CandidateVerdict> verdicts =
        List.of(
            new CandidateVerdict(a, 1, "PROMOTED", "passed every gate", List.of(dsr)),
            new CandidateVerdict(
                b, 2, "REJECTED_BY_GATES", "rejected: 10 trades < 20", List.of(dsr, trades)),
            new CandidateVerdict(c, 3, "PROMOTED", "passed every gate", List.of(dsr)));
    kafka.publish(
        EventCatalog.CYCLE_COMPLETED,
        cycleId.toString(),
        cycleCompleted(cycleId, List.of(a, c), List.of(replaced), verdicts),
        correlation(cycleId));
    awaitStatus(cycleId, "COMPLETED");

    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"))
        .body("items.strategyId", equalTo(List.of(a.toString(), b.toString(), c.toString())))
        .body("items.promoted", equalTo(List.of(true, false, true)))
        .body("items.verdict", equalTo(List.of("PROMOTED", "REJECTED_BY_GATES", "PROMOTED")));
    // the scorecard shows each gate's verdict and the reasoning
    given()
        .get("/api/v1/strategies/{id}/scorecard", b)
        .then()
        .statusCode(200)
        .body("verdict.decided", equalTo(true))
        .body("verdict.outcome", equalTo("REJECTED_BY_GATES"))
        .body("verdict.reason", equalTo("rejected: 10 trades < 20"))
        .body("verdict.gates.gate", equalTo(List.of("deflated-sharpe", "min-trades")))
        .body("verdict.gates.passed", equalTo(List.of(true, false)))
        .body("verdict.gates[1].value", equalTo(10.0))
        .body("verdict.gates[1].threshold", equalTo(20.0))
        .body("verdict.gates[1].reason", equalTo("10 trades < 20"));
    JsonPath progress = scoring(cycleId);
    assertThat(progress.getString("completedAt")).isEqualTo("2026-03-02T09:05:00Z");
    assertThat(progress.getString("scoredAt")).isNotNull();
    assertThat(progress.getInt("scored")).isEqualTo(3);
    assertThat(decisions(cycleId, "PROMOTED")).isEqualTo(2);
    assertThat(decisions(cycleId, "DEMOTED")).isEqualTo(1);
    assertThat(count("select count(*) from candidate_verdict where cycle_id = ?", cycleId))
        .isEqualTo(3);

    // a later demotion changes the live standing, not what the cycle decided
    kafka.publish(
        EventCatalog.STRATEGY_DEMOTED,
        a.toString(),
        demoted(a, "drift", Instant.parse("2026-03-02T10:00:00Z")),
        correlation(cycleId));
    await().atMost(WAIT).until(() -> !liveOnScorecard(a));
    assertThat(promotedOnLeaderboard(cycleId)).containsExactly(a.toString(), c.toString());
  }

  @Test
  void cycleDecidedWhileStillOpenIsScoredFirstSoThatItsTrialsAreInTheLedger() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID lost = UUID.randomUUID();
    startCycle(cycleId, List.of(a, lost));
    EventEnvelope<?> result = publishResult(cycleId, a, 1.5, 0.2, 10);
    awaitProcessed(result.id(), "backtest-completed");
    awaitExpected(cycleId, 2);

    EventEnvelope<CycleCompleted> decision = publishDecision(cycleId, List.of(), List.of());

    EventEnvelope<CycleScored> scored = awaitCycleScored(cycleId);
    assertThat(scored.causationId()).isEqualTo(decision.id().toString());
    assertThat(scored.data().scored()).isEqualTo(1);
    // the missing result counted as failed, and its trial estimated
    assertThat(scored.data().failed()).isEqualTo(1);
    assertThat(scored.data().cycleTrials()).isEqualTo(2);
    awaitStatus(cycleId, "COMPLETED");
    assertThat(count("select count(*) from trial_ledger where cycle_id = ?", cycleId)).isEqualTo(1);
    given()
        .get("/api/v1/strategies/{id}/scorecard", a)
        .then()
        .statusCode(200)
        .body("status", equalTo("RANKED"))
        .body("rank", equalTo(1))
        .body("verdict.decided", equalTo(true))
        .body("verdict.outcome", nullValue());
  }

  @Test
  void redeliveredOrRepeatedCycleCompletedChangesNothing() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    EventEnvelope<CycleCompleted> decision = publishDecision(cycleId, List.of(a), List.of());
    kafka.publish(EventCatalog.CYCLE_COMPLETED, decision);
    // another decision about the same cycle, in a new event: the first stands
    EventEnvelope<CycleCompleted> repeated = publishDecision(cycleId, List.of(), List.of(a));
    // same key, same partition: once the last is processed, so were the others
    awaitProcessed(repeated.id(), "cycle-completed");

    assertThat(scoring(cycleId).getString("status")).isEqualTo("COMPLETED");
    assertThat(promotedOnLeaderboard(cycleId)).containsExactly(a.toString());
    assertThat(decisions(cycleId, "PROMOTED")).isEqualTo(1);
    assertThat(decisions(cycleId, "DEMOTED")).isZero();
  }

  @Test
  void malformedCycleCompletedIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    String key = cycleId.toString();
    String payload =
        EventJson.write(cycleCompleted(cycleId, List.of(a), List.of()))
            .replace("\"status\":\"COMPLETED\"", "\"status\":\"DONE\"");
    assertThat(payload).contains("\"status\":\"DONE\"");
    publishRaw(EventCatalog.CYCLE_COMPLETED, key, payload);

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.CYCLE_COMPLETED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid CycleCompleted")
        .contains("status must be COMPLETED or FAILED");
    assertThat(scoring(cycleId).getString("status")).isEqualTo("SCORED");

    publishDecision(cycleId, List.of(a), List.of());
    awaitStatus(cycleId, "COMPLETED");
    assertThat(promotedOnLeaderboard(cycleId)).containsExactly(a.toString());
  }

  @Test
  void cycleCompletedForACycleScoringNeverSawIsRecorded() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    publishDecision(cycleId, List.of(a), List.of());

    JsonPath progress = awaitScoring(cycleId);
    assertThat(progress.getString("status")).isEqualTo("COMPLETED");
    assertThat(progress.getString("expected")).isNull();
    assertThat(progress.getInt("scored")).isZero();
    assertThat(progress.getString("scoredAt")).isNull();
    assertThat(progress.getString("completedAt")).isEqualTo("2026-03-02T09:05:00Z");
    assertThat(decisions(cycleId, "PROMOTED")).isEqualTo(1);
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"))
        .body("total", equalTo(0));
  }

  private static long decisions(UUID cycleId, String decision) {
    return count(
        "select count(*) from cycle_decision where cycle_id = ? and decision = ?",
        cycleId,
        decision);
  }
}

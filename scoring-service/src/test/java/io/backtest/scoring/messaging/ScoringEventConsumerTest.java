package io.backtest.scoring.messaging;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.awaitExpected;
import static io.backtest.scoring.ScoringFixtures.awaitProcessed;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.cycleStarted;
import static io.backtest.scoring.ScoringFixtures.demoted;
import static io.backtest.scoring.ScoringFixtures.failed;
import static io.backtest.scoring.ScoringFixtures.headers;
import static io.backtest.scoring.ScoringFixtures.promoted;
import static io.backtest.scoring.ScoringFixtures.scoring;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.scoring.ScoringFixtures;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every consumed topic: a redelivered event has one effect, and a malformed record goes to the
 * topic's dead-letter queue with its reason while the consumer goes on.
 */
@QuarkusTest
class ScoringEventConsumerTest {
  private static TestKafka kafka;

  @BeforeAll
  static void connect() {
    kafka = TestKafka.fromConfig();
    ScoringFixtures.readDecimalsAsDoubles();
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  // --- cycle.started -------------------------------------------------------------------------

  @Test
  void redeliveredCycleStartedChangesNothing() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    String correlationId = "corr-" + cycleId;
    EventEnvelope<CycleStarted> started =
        kafka.publish(
            EventCatalog.CYCLE_STARTED,
            cycleId.toString(),
            cycleStarted(cycleId, List.of(a, b)),
            correlationId);
    kafka.publish(EventCatalog.CYCLE_STARTED, started);
    // a later announcement of the same cycle with other numbers does not replace the first
    EventEnvelope<CycleStarted> repeated =
        kafka.publish(
            EventCatalog.CYCLE_STARTED,
            cycleId.toString(),
            cycleStarted(cycleId, List.of(a, b, UUID.randomUUID())),
            correlationId);
    awaitProcessed(repeated.id(), "cycle-started");
    assertThat(scoring(cycleId).getInt("expected")).isEqualTo(2);

    kafka.publish(
        EventCatalog.BACKTEST_COMPLETED,
        a.toString(),
        completed(cycleId, a, 1.0, 0.2, 3),
        correlationId);
    kafka.publish(
        EventCatalog.BACKTEST_COMPLETED,
        b.toString(),
        completed(cycleId, b, 2.0, 0.2, 3),
        correlationId);

    CycleScored scored = awaitCycleScored(cycleId);
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
    kafka.publishRaw(
        kafka.topic(Topics.CYCLE_STARTED), key, payload, headers(EventCatalog.CYCLE_STARTED, key));

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.CYCLE_STARTED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid CycleStarted")
        .contains("candidates must be >= 1");
    assertThat(dead.value()).isEqualTo(payload);

    // the next record of the same partition is processed
    kafka.publish(
        EventCatalog.CYCLE_STARTED,
        key,
        cycleStarted(cycleId, List.of(UUID.randomUUID(), UUID.randomUUID())),
        "corr-" + cycleId);
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
    kafka.publishRaw(
        kafka.topic(Topics.BACKTEST_COMPLETED),
        key,
        payload,
        headers(EventCatalog.BACKTEST_COMPLETED, key));
    kafka.publishRaw(
        kafka.topic(Topics.BACKTEST_COMPLETED),
        key,
        "{not json",
        headers(EventCatalog.BACKTEST_COMPLETED, key));

    List<ConsumerRecord<String, String>> dead =
        kafka.await(
            kafka.topic(Topics.dlq(Topics.BACKTEST_COMPLETED)), r -> key.equals(r.key()), 2, WAIT);
    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dead-letter-reason"))
        .allSatisfy(reason -> assertThat(reason).contains("not a valid BacktestCompleted"))
        .anySatisfy(reason -> assertThat(reason).contains("metrics.sharpe"));

    // nothing of it was stored, and the consumer goes on with the next record
    kafka.publish(
        EventCatalog.CYCLE_STARTED,
        cycleId.toString(),
        cycleStarted(cycleId, List.of(a)),
        "corr-" + cycleId);
    kafka.publish(
        EventCatalog.BACKTEST_COMPLETED,
        key,
        completed(cycleId, a, 1.0, 0.1, 2),
        "corr-" + cycleId);
    CycleScored scored = awaitCycleScored(cycleId);
    assertThat(scored.scored()).isEqualTo(1);
    assertThat(scored.ranking().getFirst().score()).isEqualTo(0.9);
  }

  // --- backtest.failed -----------------------------------------------------------------------

  @Test
  void redeliveredBacktestFailedIsCountedOnce() {
    UUID cycleId = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    String correlationId = "corr-" + cycleId;
    kafka.publish(
        EventCatalog.CYCLE_STARTED,
        cycleId.toString(),
        cycleStarted(cycleId, List.of(a, b)),
        correlationId);
    BacktestFailed failure = failed(cycleId, a, "worker ran out of memory");
    EventEnvelope<BacktestFailed> first =
        kafka.publish(EventCatalog.BACKTEST_FAILED, a.toString(), failure, correlationId);
    kafka.publish(EventCatalog.BACKTEST_FAILED, first);
    EventEnvelope<BacktestFailed> republished =
        kafka.publish(EventCatalog.BACKTEST_FAILED, a.toString(), failure, correlationId);
    awaitProcessed(republished.id(), "backtest-failed");

    // cycle.started travels on another topic: wait until it is in too
    awaitExpected(cycleId, 2);
    JsonPath progress = scoring(cycleId);
    assertThat(progress.getString("status")).isEqualTo("SCORING");
    assertThat(progress.getInt("failed")).isEqualTo(1);

    kafka.publish(
        EventCatalog.BACKTEST_COMPLETED,
        b.toString(),
        completed(cycleId, b, 1.0, 0.0, 1),
        correlationId);
    CycleScored scored = awaitCycleScored(cycleId);
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
    kafka.publishRaw(
        kafka.topic(Topics.BACKTEST_FAILED),
        key,
        payload,
        headers(EventCatalog.BACKTEST_FAILED, key));

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.BACKTEST_FAILED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid BacktestFailed")
        .contains("reason must not be blank");

    EventEnvelope<BacktestFailed> valid =
        kafka.publish(
            EventCatalog.BACKTEST_FAILED, key, failed(cycleId, a, "no data"), "corr-" + cycleId);
    awaitProcessed(valid.id(), "backtest-failed");
    assertThat(scoring(cycleId).getInt("failed")).isEqualTo(1);
  }

  // --- strategy.promoted / strategy.demoted ---------------------------------------------------

  @Test
  void redeliveredPromotionDoesNotUndoALaterDemotion() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    EventEnvelope<StrategyPromoted> promotion =
        kafka.publish(
            EventCatalog.STRATEGY_PROMOTED, a.toString(), promoted(a, cycleId, 1, t), "corr");
    await().atMost(WAIT).until(() -> promotedOnLeaderboard(cycleId));
    kafka.publish(
        EventCatalog.STRATEGY_DEMOTED,
        a.toString(),
        demoted(a, "drift beyond 3 sigma", t.plusSeconds(60)),
        "corr");
    await().atMost(WAIT).until(() -> !promotedOnLeaderboard(cycleId));

    kafka.publish(EventCatalog.STRATEGY_PROMOTED, promotion);
    // an event behind the redelivery on the same partition (same key) marks when it was handled
    EventEnvelope<StrategyPromoted> marker =
        kafka.publish(
            EventCatalog.STRATEGY_PROMOTED,
            a.toString(),
            promoted(UUID.randomUUID(), cycleId, 2, t),
            "corr");
    awaitProcessed(marker.id(), "strategy-promoted");

    assertThat(promotedOnLeaderboard(cycleId)).isFalse();
    given()
        .get("/api/v1/strategies/{id}/scorecard", a)
        .then()
        .statusCode(200)
        .body("promoted", equalTo(false))
        .body("promotedAt", equalTo("2026-03-02T10:00:00Z"))
        .body("demotedAt", equalTo("2026-03-02T10:01:00Z"))
        .body("demotionReason", equalTo("drift beyond 3 sigma"));
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
    await().atMost(WAIT).until(() -> promotedOnLeaderboard(cycleId));

    kafka.publish(EventCatalog.STRATEGY_DEMOTED, demotion);
    EventEnvelope<StrategyDemoted> marker =
        kafka.publish(
            EventCatalog.STRATEGY_DEMOTED,
            a.toString(),
            demoted(UUID.randomUUID(), "marker", t),
            "corr");
    awaitProcessed(marker.id(), "strategy-demoted");

    assertThat(promotedOnLeaderboard(cycleId)).isTrue();
  }

  @Test
  void malformedStrategyPromotedIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    String key = a.toString();
    Instant t = Instant.parse("2026-03-04T10:00:00Z");
    String payload =
        EventJson.write(promoted(a, cycleId, 1, t)).replace("\"liveCount\":1", "\"liveCount\":36");
    kafka.publishRaw(
        kafka.topic(Topics.STRATEGY_PROMOTED),
        key,
        payload,
        headers(EventCatalog.STRATEGY_PROMOTED, key));

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.STRATEGY_PROMOTED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid StrategyPromoted")
        .contains("liveCount 36 exceeds the cap 35");
    assertThat(promotedOnLeaderboard(cycleId)).isFalse();

    kafka.publish(EventCatalog.STRATEGY_PROMOTED, key, promoted(a, cycleId, 1, t), "corr");
    await().atMost(WAIT).until(() -> promotedOnLeaderboard(cycleId));
  }

  @Test
  void malformedStrategyDemotedIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
    UUID cycleId = UUID.randomUUID();
    UUID a = scoredAlone(cycleId);
    String key = a.toString();
    Instant t = Instant.parse("2026-03-05T10:00:00Z");
    kafka.publish(EventCatalog.STRATEGY_PROMOTED, key, promoted(a, cycleId, 1, t), "corr");
    await().atMost(WAIT).until(() -> promotedOnLeaderboard(cycleId));
    kafka.publishRaw(
        kafka.topic(Topics.STRATEGY_DEMOTED),
        key,
        "{\"strategyId\":\"" + a + "\",\"reason\":\"no time\"}",
        headers(EventCatalog.STRATEGY_DEMOTED, key));

    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.STRATEGY_DEMOTED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason"))
        .contains("not a valid StrategyDemoted");
    assertThat(promotedOnLeaderboard(cycleId)).isTrue();

    kafka.publish(
        EventCatalog.STRATEGY_DEMOTED, key, demoted(a, "drift", t.plusSeconds(1)), "corr");
    await().atMost(WAIT).until(() -> !promotedOnLeaderboard(cycleId));
  }

  @Test
  void recordWithoutCloudEventsHeadersIsDeadLettered() {
    String key = "no-headers-" + UUID.randomUUID();
    kafka.publishRaw(kafka.topic(Topics.STRATEGY_DEMOTED), key, "{}", Map.of());
    ConsumerRecord<String, String> dead = awaitDeadLetter(Topics.STRATEGY_DEMOTED, key);
    assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("no CloudEvents headers");
  }

  /** A one-candidate cycle, scored; returns the candidate. */
  private static UUID scoredAlone(UUID cycleId) {
    UUID a = UUID.randomUUID();
    kafka.publish(
        EventCatalog.CYCLE_STARTED,
        cycleId.toString(),
        cycleStarted(cycleId, List.of(a)),
        "corr-" + cycleId);
    kafka.publish(
        EventCatalog.BACKTEST_COMPLETED,
        a.toString(),
        completed(cycleId, a, 1.5, 0.2, 10),
        "corr-" + cycleId);
    awaitCycleScored(cycleId);
    return a;
  }

  private static boolean promotedOnLeaderboard(UUID cycleId) {
    return given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .extract()
        .<Boolean>path("items[0].promoted");
  }

  private static CycleScored awaitCycleScored(UUID cycleId) {
    return kafka
        .awaitEvents(EventCatalog.CYCLE_SCORED, e -> e.data().cycleId().equals(cycleId), 1, WAIT)
        .getFirst()
        .data();
  }

  private static ConsumerRecord<String, String> awaitDeadLetter(String topic, String key) {
    return kafka
        .await(kafka.topic(Topics.dlq(topic)), r -> key.equals(r.key()), 1, WAIT)
        .getFirst();
  }
}

package io.backtest.strategy.messaging;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.strategy.Fixtures;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The backtest worker against the real broker and database. */
@QuarkusTest
class BacktestRequestedConsumerTest {
  private static final ExecutionSettings DEFAULTS =
      new ExecutionSettings("next-open", "long-only", 10, 5, 1, 10_000);
  private static final DatasetRef AAPL = new DatasetRef("aapl-1d-2013", "AAPL", "1d", 252);

  @Test
  void redeliveredRequestDoesNotRunTheBacktestTwice() {
    UUID cycleId = Fixtures.startCycle(2, 99, "corr-redelivery");
    List<EventEnvelope<BacktestRequested>> requests =
        kafka()
            .awaitEvents(
                EventCatalog.BACKTEST_REQUESTED, e -> e.data().cycleId().equals(cycleId), 2, WAIT);
    Fixtures.awaitBacktests(cycleId, 2);
    EventEnvelope<BacktestRequested> request = requests.getFirst();
    String strategyId = request.data().strategyId().toString();

    // the same event again (same ce_id), and another event asking for the same run
    kafka().publish(EventCatalog.BACKTEST_REQUESTED, request);
    kafka().publish(EventCatalog.BACKTEST_REQUESTED, strategyId, request.data(), "corr-redelivery");
    Fixtures.awaitProcessedUpTo(Topics.BACKTEST_REQUESTED, strategyId);

    // counted once: the count and the event are written in one transaction
    JsonPath cycle =
        given().get("/api/v1/cycles/{id}", cycleId).then().statusCode(200).extract().jsonPath();
    assertThat(cycle.getInt("counts.backtested")).isEqualTo(2);
    assertThat(cycle.getInt("counts.failed")).isZero();
    assertThat(
            Fixtures.queryLong(
                "select count(*) from processed_event where event_id = ?", request.id()))
        .isEqualTo(1);
    Fixtures.awaitOutboxDrained();
    assertThat(
            kafka()
                .readEvents(
                    EventCatalog.BACKTEST_COMPLETED,
                    e -> e.data().strategyId().equals(request.data().strategyId())))
        .hasSize(1);
  }

  @Test
  void malformedRequestsGoToTheDeadLetterTopicWithTheirReasonAndTheWorkerGoesOn() {
    String key = "bad-" + UUID.randomUUID();
    String topic = kafka().topic(Topics.BACKTEST_REQUESTED);
    kafka().publishRaw(topic, key, "no headers at all", Map.of());
    kafka()
        .publishRaw(
            topic,
            key,
            "{\"backtestId\":\"not-a-uuid\"}",
            Fixtures.cloudEventHeaders(EventCatalog.BACKTEST_REQUESTED, key, "corr-bad"));
    // well-formed JSON, but for a run this service never requested
    UUID unknownRun = UUID.randomUUID();
    kafka()
        .publish(
            EventCatalog.BACKTEST_REQUESTED,
            key,
            new BacktestRequested(
                unknownRun,
                UUID.randomUUID(),
                UUID.randomUUID(),
                AAPL,
                new StrategyDefinition("sma-crossover", Map.of("fast", 10, "slow", 50)),
                DEFAULTS,
                null,
                1L,
                Instant.now()),
            "corr-bad");

    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.BACKTEST_REQUESTED)),
                r -> key.equals(r.key()),
                3,
                WAIT);
    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dead-letter-reason"))
        .anySatisfy(reason -> assertThat(reason).contains("no CloudEvents headers"))
        .anySatisfy(reason -> assertThat(reason).contains("not a valid BacktestRequested"))
        .anySatisfy(
            reason ->
                assertThat(reason).contains("backtest run " + unknownRun + " does not exist"));

    // the worker goes on: a new cycle's backtest completes
    UUID cycleId = Fixtures.startCycle(1, 5, "corr-after-dlq");
    assertThat(Fixtures.awaitBacktests(cycleId, 1)).hasSize(1);
  }

  @Test
  void backtestTheEngineRefusesIsRecordedAsFailedAndReported() {
    // A run whose request this test writes itself, with parameters the template refuses.
    UUID cycleId = UUID.randomUUID();
    UUID strategyId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    insertCycleWithOneCandidate(cycleId, strategyId, runId);
    EventEnvelope<BacktestRequested> request =
        kafka()
            .publish(
                EventCatalog.BACKTEST_REQUESTED,
                strategyId.toString(),
                new BacktestRequested(
                    runId,
                    strategyId,
                    cycleId,
                    AAPL,
                    new StrategyDefinition("sma-crossover", Map.of("fast", 30, "slow", 20)),
                    DEFAULTS,
                    null,
                    1L,
                    Instant.now()),
                "corr-failing");

    EventEnvelope<BacktestFailed> failed =
        kafka()
            .awaitEvents(
                EventCatalog.BACKTEST_FAILED,
                e -> e.data().strategyId().equals(strategyId),
                1,
                WAIT)
            .getFirst();
    assertThat(failed.causationId()).isEqualTo(request.id().toString());
    assertThat(failed.correlationId()).isEqualTo("corr-failing");
    assertThat(failed.data().backtestId()).isEqualTo(runId);
    assertThat(failed.data().reason()).contains("fast < slow");

    JsonPath strategy =
        given()
            .get("/api/v1/strategies/{id}", strategyId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(strategy.getString("backtest.status")).isEqualTo("FAILED");
    assertThat(strategy.getString("backtest.error")).contains("fast < slow");
    assertThat(strategy.getString("reason")).startsWith("backtest failed: ");
    assertThat(strategy.getString("metrics")).isNull();

    // nothing was evaluated: the ranking is empty and the cycle fails
    EventEnvelope<CycleScored> scored =
        kafka()
            .publish(
                EventCatalog.CYCLE_SCORED,
                cycleId.toString(),
                Fixtures.scored(cycleId, 1, List.of(), null, null),
                "corr-failing");
    CycleCompleted completed =
        kafka()
            .awaitEvents(
                EventCatalog.CYCLE_COMPLETED, e -> e.data().cycleId().equals(cycleId), 1, WAIT)
            .getFirst()
            .data();
    assertThat(completed.status()).isEqualTo("FAILED");
    assertThat(completed.failed()).isEqualTo(1);
    assertThat(completed.backtested()).isZero();
    assertThat(completed.promoted()).isEmpty();
    assertThat(completed.summary())
        .startsWith("promoted 0 of 1 candidates (1 backtest failed); live ");
    JsonPath cycle =
        given().get("/api/v1/cycles/{id}", cycleId).then().statusCode(200).extract().jsonPath();
    assertThat(cycle.getString("status")).isEqualTo("FAILED");
    assertThat(cycle.getInt("counts.failed")).isEqualTo(1);
    assertThat(scored.id()).isNotNull();
  }

  private static void insertCycleWithOneCandidate(UUID cycleId, UUID strategyId, UUID runId) {
    Timestamp now = Timestamp.from(Instant.now());
    Fixtures.execute(
        "insert into cycle (id, status, dataset_id, templates, seed, correlation_id, candidates,"
            + " fill, fee_bps, slippage_bps, position_fraction, created_at) values (?, 'RUNNING',"
            + " 'aapl-1d-2013', '[\"sma-crossover\"]', 1, 'corr-failing', 1, 'next-open', 10, 5, 1,"
            + " ?)",
        cycleId,
        now);
    Fixtures.insertStrategy(strategyId, cycleId, "{\"fast\":30,\"slow\":20}", "CANDIDATE", now);
    Fixtures.execute(
        "insert into backtest_run (id, strategy_id, cycle_id, status, requested_at)"
            + " values (?, ?, ?, 'REQUESTED', ?)",
        runId,
        strategyId,
        cycleId,
        now);
  }
}

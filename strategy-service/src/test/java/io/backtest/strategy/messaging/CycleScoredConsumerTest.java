package io.backtest.strategy.messaging;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.strategy.Fixtures;
import io.backtest.strategy.Fixtures.Stats;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The promotion gate's consumer against the real broker and database. Its idempotency (a
 * redelivered ranking changes nothing) is tested in {@code CycleLifecycleTest}, the one test class
 * that changes the live set.
 */
@QuarkusTest
class CycleScoredConsumerTest {
  @Test
  void malformedRankingsGoToTheDeadLetterTopicWithTheirReasonAndTheGateGoesOn() {
    UUID cycleId = Fixtures.startCycle(1, 31, "corr-scored-bad");
    List<EventEnvelope<BacktestCompleted>> results = Fixtures.awaitBacktests(cycleId, 1);
    String key = cycleId.toString();

    // the ranking's length contradicts "scored": the record is not a valid CycleScored
    kafka()
        .publishRaw(
            kafka().topic(Topics.CYCLE_SCORED),
            key,
            "{\"cycleId\":\""
                + cycleId
                + "\",\"expected\":1,\"scored\":1,\"failed\":0,\"ranking\":[],\"scoredAt\":\""
                + Instant.now()
                + "\"}",
            Fixtures.cloudEventHeaders(EventCatalog.CYCLE_SCORED, key, "corr-scored-bad"));
    // a well-formed ranking of a strategy that is not a candidate of the cycle
    UUID stranger = UUID.randomUUID();
    kafka()
        .publish(
            EventCatalog.CYCLE_SCORED,
            key,
            Fixtures.scored(
                cycleId,
                1,
                List.of(new RankedStrategy(1, stranger, 0.9, Stats.passing().build())),
                Fixtures.overfitting(1, 0.1),
                Fixtures.uncorrelated(List.of(stranger))),
            "corr-scored-bad");
    // a ranking of a cycle that does not exist
    UUID unknownCycle = UUID.randomUUID();
    kafka()
        .publish(
            EventCatalog.CYCLE_SCORED,
            key,
            Fixtures.scored(unknownCycle, 1, List.of(), null, null),
            "corr-scored-bad");

    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.CYCLE_SCORED)), r -> key.equals(r.key()), 3, WAIT);
    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dead-letter-reason"))
        .anySatisfy(reason -> assertThat(reason).contains("not a valid CycleScored"))
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .contains("ranked strategy " + stranger + " is not a candidate of cycle"))
        .anySatisfy(
            reason -> assertThat(reason).contains("cycle " + unknownCycle + " does not exist"));

    // the gate goes on: the right ranking decides the cycle (a noise-like candidate: rejected)
    CycleScored good = Fixtures.rank(cycleId, 1, results, r -> 0.1, r -> Stats.noise().build());
    kafka().publish(EventCatalog.CYCLE_SCORED, key, good, "corr-scored-bad");
    CycleCompleted completed =
        kafka()
            .awaitEvents(
                EventCatalog.CYCLE_COMPLETED, e -> e.data().cycleId().equals(cycleId), 1, WAIT)
            .getFirst()
            .data();
    assertThat(completed.status()).isEqualTo("COMPLETED");
    assertThat(completed.promoted()).isEmpty();
    assertThat(completed.summary())
        .startsWith("promoted 0 of 1 candidates (1 rejected by the gates); live ");
    assertThat(completed.verdicts()).hasSize(1);
    assertThat(completed.verdicts().getFirst().outcome()).isEqualTo("REJECTED_BY_GATES");
    String strategyId = results.getFirst().data().strategyId().toString();
    given()
        .get("/api/v1/strategies/{id}", strategyId)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANDIDATE"))
        .body("reason", startsWith("rejected: DSR 0.41 < 0.95 (N = 4,200 trials)"))
        .body("statistics.deflatedSharpe", equalTo(0.41f))
        .body("rank", equalTo(1));
    assertThat(EventJson.write(completed)).contains(cycleId.toString());
  }
}

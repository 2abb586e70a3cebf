package io.backtest.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.audit.AuditApi;
import io.backtest.audit.AuditSamples;
import io.backtest.audit.KafkaTestBase;
import io.backtest.audit.TreeHeads;
import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.MarketBar;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Every event of every topic of the run, through the real broker into the real database. */
@QuarkusTest
class AuditIngestionTest extends KafkaTestBase {

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void eventsOfEveryTopicIncludingANewOneAreRecordedWithGaplessSeqAndAValidChain() {
    String correlation = unique("cycle-");
    UUID cycle = UUID.randomUUID();
    UUID best = UUID.randomUUID();
    UUID demoted = UUID.randomUUID();
    kafka.publish(
        EventCatalog.CYCLE_STARTED,
        cycle.toString(),
        AuditSamples.cycleStartedWithWalkForward(cycle, 3),
        correlation);
    kafka.publish(
        EventCatalog.BACKTEST_REQUESTED,
        best.toString(),
        AuditSamples.backtestRequested(cycle, best),
        correlation);
    kafka.publish(
        EventCatalog.BACKTEST_COMPLETED,
        best.toString(),
        AuditSamples.backtestCompletedWithWalkForward(cycle, best),
        correlation);
    kafka.publish(
        EventCatalog.CYCLE_SCORED,
        cycle.toString(),
        AuditSamples.cycleScored(cycle, best, 3, 2),
        correlation);
    kafka.publish(
        EventCatalog.STRATEGY_PROMOTED,
        best.toString(),
        AuditSamples.strategyPromoted(cycle, best),
        correlation);
    kafka.publish(
        EventCatalog.STRATEGY_DEMOTED,
        demoted.toString(),
        AuditSamples.strategyDemoted(cycle, demoted),
        correlation);
    kafka.publish(
        EventCatalog.CYCLE_COMPLETED,
        cycle.toString(),
        AuditSamples.cycleCompleted(cycle, best),
        correlation);
    // a topic and a type that no code of the platform knows: picked up by the pattern
    kafka.publishRaw(
        kafka.topic("experiment.done"),
        "exp-1",
        "{\"experiment\": \"exp-1\", \"score\": 0.50}",
        AuditApi.cloudEvent(
            "io.lab.experiment.done", "exp-1", correlation, Instant.now().toString()));

    List<Map<String, Object>> items = AuditApi.awaitCorrelated(correlation, 8);

    assertThat(items).hasSize(8);
    assertThat(items)
        .extracting(i -> i.get("topic"))
        .containsExactlyInAnyOrder(
            "cycle.started",
            "backtest.requested",
            "backtest.completed",
            "cycle.scored",
            "strategy.promoted",
            "strategy.demoted",
            "cycle.completed",
            "experiment.done");
    assertThat(items)
        .extracting(i -> (String) i.get("summary"))
        .contains(
            "Cycle "
                + cycle
                + " started: 3 candidates of sma-crossover, macd on AAPL 1d (seed 42),"
                + " rolling walk-forward (in-sample 120 bars, out-of-sample 40, step 40),"
                + " 50 grid points by sharpe",
            "Backtest of sma-crossover(fast=10, slow=50) on AAPL 1d,"
                + " 3-fold rolling walk-forward over 50 trials: out-of-sample"
                + " return 27.1%, Sharpe 1.60, max drawdown 11.3%, 1 trade, efficiency 0.62",
            "Cycle "
                + cycle
                + " scored: 2 of 3 ranked, 1 failed, N = 4,221 trials, PBO 0.31,"
                + " P(OOS loss) 0.08; best "
                + best
                + " score 0.84 (DSR 0.97)",
            "Promoted sma-crossover(fast=10, slow=50) on AAPL 1d:"
                + " DSR 0.97, rank 1, live 12 of 35 — passed every gate",
            "Demoted " + demoted + ": live 11 — drawdown beyond the backtest's worst",
            "Cycle "
                + cycle
                + " completed: 1 promoted, 0 demoted, 12 of 35 live;"
                + " verdicts 1 promoted, 2 rejected by gates, 1 correlated",
            "Event io.lab.experiment.done from /test-lab about exp-1, recorded as received");
    Map<String, Object> experiment =
        items.stream()
            .filter(i -> "experiment.done".equals(i.get("topic")))
            .findFirst()
            .orElseThrow();
    assertThat(experiment.get("payload")).isEqualTo(Map.of("experiment", "exp-1", "score", 0.5f));
    assertThat(experiment.get("source")).isEqualTo("/test-lab");
    // listed in seq order
    assertThat(items).extracting(i -> ((Number) i.get("seq")).longValue()).isSorted();

    // the whole log: seq 1, 2, 3, ... and each entry's prevHash is its predecessor's hash
    JsonPath all = AuditApi.entries(Map.of("size", 100));
    List<Map<String, Object>> log = all.getList("items");
    for (int i = 0; i < log.size(); i++) {
      assertThat(((Number) log.get(i).get("seq")).longValue()).isEqualTo(i + 1L);
      String expectedPrev = i == 0 ? "0".repeat(64) : (String) log.get(i - 1).get("hash");
      assertThat(log.get(i).get("prevHash")).isEqualTo(expectedPrev);
    }
    JsonPath verification = AuditApi.verify();
    assertThat(verification.getBoolean("valid")).isTrue();
    assertThat(verification.getLong("treeSize")).isGreaterThanOrEqualTo(log.size());
    assertThat(verification.getString("rootHash")).matches("[0-9a-f]{64}");
    // every entry carries its leaf hash, recomputable from what the API shows
    for (Map<String, Object> entry : log) {
      long seq = ((Number) entry.get("seq")).longValue();
      assertThat(entry.get("leafHash")).isEqualTo(TreeHeads.leafHashOf(TreeHeads.entry(seq)).hex());
    }
  }

  @Test
  void redeliveredEventIsRecordedOnce() {
    String symbol = unique("DUP");
    EventEnvelope<MarketBar> event =
        kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-dup");
    kafka.publish(EventCatalog.MARKET_BARS, event);
    kafka.publish(EventCatalog.MARKET_BARS, event);
    // same key, so same partition, behind the repeats: once it is in, the repeats were handled
    EventEnvelope<MarketBar> later =
        kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-dup");

    List<Map<String, Object>> entries = AuditApi.awaitSubject(symbol, 2);

    assertThat(entries)
        .extracting(e -> e.get("eventId"))
        .containsExactly(event.id().toString(), later.id().toString());
  }

  @Test
  void malformedRecordsGoToTheirTopicsDeadLetterQueueWithReasonAndTheConsumerGoesOn() {
    String symbol = unique("BAD");
    // no CloudEvents headers at all
    kafka.publishRaw(kafka.topic(Topics.MARKET_BARS), symbol, "no headers at all", Map.of());
    // CloudEvents headers without ce_source
    Map<String, String> noSource =
        new HashMap<>(
            AuditApi.cloudEvent(
                EventCatalog.MARKET_BARS.type(), symbol, "corr-bad", Instant.now().toString()));
    noSource.remove(CloudEventAttributes.HEADER_SOURCE);
    kafka.publishRaw(
        kafka.topic(Topics.MARKET_BARS),
        symbol,
        EventJson.write(AuditSamples.bar(symbol)),
        noSource);
    // every required attribute but an unparseable time: SmallRye's own CloudEvents parser would
    // throw inside the connector's stream here and end the channel
    kafka.publishRaw(
        kafka.topic(Topics.MARKET_BARS),
        symbol,
        EventJson.write(AuditSamples.bar(symbol)),
        AuditApi.cloudEvent(EventCatalog.MARKET_BARS.type(), symbol, "corr-bad", "yesterday"));
    // a known type whose payload does not satisfy its record
    kafka.publishRaw(
        kafka.topic(Topics.MARKET_BARS),
        symbol,
        "{\"symbol\": \"" + symbol + "\", \"close\": \"not a number\"}",
        AuditApi.cloudEvent(
            EventCatalog.MARKET_BARS.type(), symbol, "corr-bad", Instant.now().toString()));
    EventEnvelope<MarketBar> good =
        kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-bad");

    List<ConsumerRecord<String, String>> dead =
        kafka.await(
            kafka.topic(Topics.dlq(Topics.MARKET_BARS)),
            r ->
                symbol.equals(r.key())
                    && "audit-service".equals(TestKafka.header(r, "dead-letter-consumer")),
            4,
            AuditApi.WAIT);

    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dead-letter-reason"))
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .isEqualTo("record carries no CloudEvents headers (ce_specversion is missing)"))
        .anySatisfy(reason -> assertThat(reason).isEqualTo("ce_source is missing"))
        .anySatisfy(
            reason ->
                assertThat(reason).isEqualTo("ce_time is not an RFC 3339 timestamp: yesterday"))
        .anySatisfy(reason -> assertThat(reason).startsWith("not a valid MarketBar"));
    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dead-letter-topic"))
        .containsOnly(kafka.topic(Topics.MARKET_BARS));
    assertThat(dead).extracting(ConsumerRecord::value).contains("no headers at all");
    // the consumer went on: the good event behind the poison ones is recorded
    assertThat(AuditApi.awaitSubject(symbol, 1))
        .singleElement()
        .satisfies(e -> assertThat(e.get("eventId")).isEqualTo(good.id().toString()));
  }

  @Test
  void eventTheDatabaseRefusesIsRetriedThenDeadLetteredAndTheConsumerGoesOn() throws Exception {
    String symbol = unique("REF");
    // for a while the database refuses entries of one type: a failure that is not the event's
    AuditApi.sql(
        "alter table audit_entry add constraint refuse_test_type"
            + " check (type <> 'io.test.refused') not valid");
    List<ConsumerRecord<String, String>> dead;
    EventEnvelope<MarketBar> later;
    List<Map<String, Object>> recorded;
    try {
      kafka.publishRaw(
          kafka.topic(Topics.MARKET_BARS),
          symbol,
          "{\"n\": 1}",
          AuditApi.cloudEvent("io.test.refused", symbol, "corr-ref", Instant.now().toString()));
      dead =
          kafka.await(
              kafka.topic(Topics.dlq(Topics.MARKET_BARS)),
              r -> symbol.equals(r.key()),
              1,
              AuditApi.WAIT);
      // same key, so same partition, behind the refused one: once it is in, the refused record
      // is acked and committed, and no rebalance delivers it again after the constraint is gone
      later = kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-ref");
      recorded = AuditApi.awaitSubject(symbol, 1);
    } finally {
      AuditApi.sql("alter table audit_entry drop constraint refuse_test_type");
    }

    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-reason"))
        .contains("refuse_test_type");
    assertThat(TestKafka.header(dead.getFirst(), CloudEventAttributes.HEADER_TYPE))
        .isEqualTo("io.test.refused");
    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-consumer"))
        .isEqualTo("audit-service");
    // nothing of the refused event was recorded; the consumer went on with the next one
    assertThat(recorded)
        .singleElement()
        .satisfies(e -> assertThat(e.get("eventId")).isEqualTo(later.id().toString()));
  }

  @Test
  void subscriptionPatternQuotesThePrefixAndMatchesTwoOrThreeSegmentsButNoDeadLetters() {
    String prefix = kafka.topic("");
    Pattern pattern =
        Pattern.compile(
            ConfigProvider.getConfig().getValue("mp.messaging.incoming.audit.topic", String.class));

    assertThat(prefix).endsWith(".");
    assertThat(pattern.matcher(prefix + "cycle.started").matches()).isTrue();
    assertThat(pattern.matcher(prefix + "experiment.done").matches()).isTrue();
    assertThat(pattern.matcher(prefix + "market.regime.changed").matches()).isTrue();
    assertThat(pattern.matcher(prefix + "strategy.drift.detected").matches()).isTrue();
    assertThat(pattern.matcher(prefix + "a.b.c.d").matches()).isFalse();
    assertThat(pattern.matcher(prefix + "monitoring.alert.dlq").matches()).isFalse();
    assertThat(pattern.matcher(prefix + "cycle.started.dlq").matches()).isFalse();
    assertThat(pattern.matcher(prefix + "audit.ingest.dlq").matches()).isFalse();
    assertThat(pattern.matcher("cycle.started").matches()).isFalse();
    // the prefix's '.' is literal: another character in its place is another environment
    String lookalike = prefix.substring(0, prefix.length() - 1) + "x";
    assertThat(pattern.matcher(lookalike + "cycle.started").matches()).isFalse();
    // production's pattern (empty prefix) never reads a test run's topics: run ids hold a digit
    Pattern production =
        Pattern.compile(pattern.pattern().replace("\\Q" + prefix + "\\E", "\\Q\\E"));
    assertThat(production.matcher("market.regime.changed").matches()).isTrue();
    assertThat(production.matcher(prefix + "cycle.started").matches()).isFalse();
  }
}

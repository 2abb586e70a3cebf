package io.backtest.systemtests.stack;

import static io.backtest.systemtests.stack.StackUnderTest.allPages;
import static io.backtest.systemtests.stack.StackUnderTest.as;
import static io.backtest.systemtests.stack.StackUnderTest.intField;
import static io.backtest.systemtests.stack.StackUnderTest.items;
import static io.backtest.systemtests.stack.StackUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.support.testing.TestKafka;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One research cycle through the gateway, as an operator starts it and a viewer follows it: 60
 * SMA-crossover candidates with walk-forward analysis on 5,000 daily bars with a planted edge
 * (drift regimes that trend followers exploit) are backtested, scored, ranked, the best promoted
 * under the cap, every event audited under the request's correlation id, and the promotions
 * published to Kafka for live trading systems.
 *
 * <p>The cycle runs once (in {@link #runOneCycle()}); each test checks one promise about it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CycleEndToEndIT {
  private static final int CANDIDATES = 60;
  private static final long SEED = 3;

  /** The live-strategy cap of the platform (ARCHITECTURE.md: 35 by default). */
  private static final int CAP = 35;

  private final String correlationId = "st-" + UUID.randomUUID();
  private String datasetId;
  private UUID cycleId;
  private JsonNode cycle;
  private int backtested;
  private int failed;
  private int promoted;
  private int demoted;
  private List<EventEnvelope<StrategyPromoted>> promotions;
  private JsonNode completedLeaderboard;

  @BeforeAll
  void runOneCycle() {
    StackUnderTest.requireRunningStack();
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("bars", 5_000);
    dataset.put("seed", SEED);
    dataset.put("model", "regime-switching");
    dataset.put("symbol", "E2ETREND");
    dataset.put("timeframe", "1d");
    dataset.put(
        "regimes",
        List.of(
            Map.of("name", "up", "drift", 0.003, "volatility", 0.01, "meanDuration", 250),
            Map.of("name", "down", "drift", -0.003, "volatility", 0.01, "meanDuration", 250)));
    datasetId = SelectionIT.createDataset(dataset);

    cycleId = SelectionIT.startCycle(datasetId, CANDIDATES, SEED, correlationId);

    cycle = awaitCompleted(cycleId);
    JsonNode counts = cycle.path("counts");
    backtested = intField(counts, "backtested");
    failed = intField(counts, "failed");
    promoted = intField(counts, "promoted");
    demoted = intField(counts, "demoted");
  }

  @Test
  void everyCandidateIsBacktestedOrFailedAndSomeArePromotedUnderTheCap() {
    JsonNode counts = cycle.path("counts");

    assertThat(cycle.path("id").asText()).isEqualTo(cycleId.toString());
    assertThat(intField(counts, "candidates")).isEqualTo(CANDIDATES);
    assertThat(backtested + failed).isEqualTo(CANDIDATES);
    assertThat(intField(counts, "scored"))
        .as("every completed backtest is scored")
        .isEqualTo(backtested);
    assertThat(promoted).isPositive().isLessThanOrEqualTo(CAP);
    assertThat(demoted).isNotNegative();
  }

  @Test
  void theLiveSetStaysUnderTheCapAndHoldsEveryStrategyThisCyclePromoted() {
    JsonNode live =
        json(
            as("viewer")
                .queryParam("status", "LIVE")
                .queryParam("size", 100)
                .get("/api/v1/strategies"));
    List<JsonNode> liveItems = items(live);
    List<JsonNode> mine = cycleLiveStrategies();

    assertThat(live.path("total").asInt()).isLessThanOrEqualTo(CAP).isEqualTo(liveItems.size());
    assertThat(liveItems).allSatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("LIVE"));
    assertThat(mine).hasSize(promoted);
    assertThat(ids(liveItems, "id")).containsAll(ids(mine, "id"));
  }

  @Test
  void theLeaderboardRanksEveryScoredStrategyByDescendingScoreAndFlagsWhatThisCyclePromoted() {
    JsonNode board = completedLeaderboard();
    List<JsonNode> ranked = items(board);

    assertThat(ranked).hasSize(CANDIDATES - failed);
    assertThat(board.path("total").asInt()).isEqualTo(CANDIDATES - failed);
    for (int i = 0; i < ranked.size(); i++) {
      assertThat(intField(ranked.get(i), "rank")).as("rank of item %d", i).isEqualTo(i + 1);
      if (i > 0) {
        assertThat(ranked.get(i).path("score").asDouble())
            .as("score of rank %d", i + 1)
            .isLessThanOrEqualTo(ranked.get(i - 1).path("score").asDouble());
      }
    }
    assertThat(flagged(ranked)).hasSize(promoted).isEqualTo(promotedIds());
  }

  @Test
  void theAuditLogHoldsEveryEventOfTheCycleUnderItsCorrelationId() {
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put(EventCatalog.CYCLE_STARTED.type(), 1L);
    expected.put(EventCatalog.BACKTEST_REQUESTED.type(), (long) CANDIDATES);
    expected.put(EventCatalog.BACKTEST_COMPLETED.type(), (long) backtested);
    expected.put(EventCatalog.BACKTEST_FAILED.type(), (long) failed);
    expected.put(EventCatalog.STRATEGY_SCORED.type(), (long) (CANDIDATES - failed));
    expected.put(EventCatalog.CYCLE_SCORED.type(), 1L);
    expected.put(EventCatalog.STRATEGY_PROMOTED.type(), (long) promoted);
    expected.put(EventCatalog.STRATEGY_DEMOTED.type(), (long) demoted);
    expected.put(EventCatalog.CYCLE_COMPLETED.type(), 1L);
    AtomicReference<List<JsonNode>> entries = new AtomicReference<>();

    // The audit service consumes the same topics: it may still be catching up with the cycle.
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              entries.set(
                  allPages(
                      "viewer", "/api/v1/audit/entries", Map.of("correlationId", correlationId)));
              assertThat(countByType(entries.get(), expected.keySet())).isEqualTo(expected);
            });

    assertThat(entries.get())
        .allSatisfy(
            e -> {
              assertThat(e.path("correlationId").asText()).isEqualTo(correlationId);
              assertThat(e.path("summary").asText()).as("summary of %s", e).isNotBlank();
            });
  }

  @Test
  void aPlainKafkaConsumerReceivesThePromotionsAsCloudEvents() {
    promotions(); // waits until they are all published
    List<ConsumerRecord<String, String>> records;
    try (TestKafka kafka = kafka()) {
      records =
          kafka.readAll(kafka.topic(Topics.STRATEGY_PROMOTED)).stream()
              .filter(
                  r ->
                      correlationId.equals(
                          TestKafka.header(r, CloudEventAttributes.HEADER_CORRELATION_ID)))
              .toList();
    }
    Map<String, JsonNode> board =
        items(completedLeaderboard()).stream()
            .collect(Collectors.toMap(CycleEndToEndIT::strategyId, Function.identity()));

    assertThat(records).hasSize(promoted);
    assertThat(records.stream().map(r -> TestKafka.header(r, CloudEventAttributes.HEADER_ID)))
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(UUID.fromString(id)).isNotNull());
    for (ConsumerRecord<String, String> r : records) {
      StrategyPromoted event = EventJson.read(r.value(), StrategyPromoted.class);
      String strategyId = event.strategyId().toString();

      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_TYPE))
          .isEqualTo(EventCatalog.STRATEGY_PROMOTED.type());
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_SPEC_VERSION))
          .isEqualTo(CloudEventAttributes.SPEC_VERSION);
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_SOURCE))
          .isEqualTo("/strategy-service");
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_SUBJECT)).isEqualTo(strategyId);
      assertThat(r.key()).isEqualTo(strategyId);
      assertThat(event.cycleId()).isEqualTo(cycleId);
      assertThat(event.dataset().datasetId()).isEqualTo(datasetId);
      assertThat(event.dataset().symbol()).isEqualTo("E2ETREND");
      assertThat(event.dataset().timeframe()).isNotBlank();
      assertValidParameters(event);
      assertThat(event.metrics().barCount()).isPositive();
      // the execution model the promoted backtest ran under, as live trading must reproduce it
      assertThat(event.execution().direction()).isIn("long-only", "long-short");
      assertThat(event.execution().capital()).isPositive();
      assertThat(event.cap()).isEqualTo(CAP);
      assertThat(event.liveCount()).isBetween(1, CAP);
      assertThat(event.reason()).startsWith("promoted: ").contains("DSR");
      // what live trading and drift monitoring expect of it: the out-of-sample record's figures
      assertThat(event.expected().sharpe()).isPositive();
      assertThat(event.expected().maxDrawdown()).isBetween(0.0, 0.20);
      assertThat(event.expected().deflatedSharpe()).isGreaterThanOrEqualTo(0.95);
      assertThat(event.provenance().datasetSha256()).matches("[0-9a-f]{64}");
      assertThat(event.provenance().seed()).isEqualTo(SEED);
      // The promotion carries the ranking scoring-service published for the cycle.
      JsonNode ranked = board.get(strategyId);
      assertThat(ranked).as("leaderboard entry of promoted %s", strategyId).isNotNull();
      assertThat(ranked.path("promoted").asBoolean()).isTrue();
      assertThat(event.rank()).isEqualTo(ranked.path("rank").asInt());
      assertThat(event.score()).isCloseTo(ranked.path("score").asDouble(), within(1e-9));
    }
    assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
        .isEqualTo(promotedIds());
  }

  /**
   * The promoted parameters are a valid point of their template's parameter space (the engine's).
   */
  private static void assertValidParameters(StrategyPromoted event) {
    StrategyTemplate template =
        StrategyTemplates.builtIn()
            .find(event.strategy().template())
            .orElseThrow(
                () -> new AssertionError("unknown template " + event.strategy().template()));
    // Typed as the template declares them: integers must be whole, decimals on their step.
    Parameters values = template.space().typed(event.strategy().parameters());
    assertThat(template.space().violations(values))
        .as("%s parameters %s", template.id(), values)
        .isEmpty();
  }

  private JsonNode awaitCompleted(UUID id) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              Response response = as("viewer").get("/api/v1/cycles/{id}", id);
              if (response.statusCode() != 200) {
                throw new AssertionError(
                    "GET /api/v1/cycles/"
                        + id
                        + ": "
                        + response.statusCode()
                        + " "
                        + response.asString());
              }
              JsonNode body = json(response);
              last.set(body);
              if ("FAILED".equals(body.path("status").asText())) {
                throw new AssertionError("cycle " + id + " failed: " + body);
              }
              return "COMPLETED".equals(body.path("status").asText());
            });
    return last.get();
  }

  private List<JsonNode> cycleLiveStrategies() {
    Response response =
        as("viewer")
            .queryParam("cycleId", cycleId)
            .queryParam("status", "LIVE")
            .queryParam("size", 100)
            .get("/api/v1/strategies");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return items(json(response));
  }

  /**
   * The cycle's strategy.promoted events, each exactly once: the cycle completes once the
   * promotions are in strategy-service's outbox, which publishes them a moment later.
   */
  private List<EventEnvelope<StrategyPromoted>> promotions() {
    if (promotions == null) {
      Predicate<EventEnvelope<StrategyPromoted>> ofThisCycle =
          e -> cycleId.equals(e.data().cycleId());
      List<EventEnvelope<StrategyPromoted>> published;
      try (TestKafka kafka = kafka()) {
        kafka.awaitEvents(
            EventCatalog.STRATEGY_PROMOTED, ofThisCycle, promoted, Duration.ofSeconds(60));
        published = kafka.readEvents(EventCatalog.STRATEGY_PROMOTED, ofThisCycle);
      }
      assertThat(published).as("strategy.promoted events of cycle %s", cycleId).hasSize(promoted);
      promotions = published;
    }
    return promotions;
  }

  /** The ids of the strategies this cycle promoted, by its strategy.promoted events. */
  private Set<String> promotedIds() {
    return promotions().stream()
        .map(e -> e.data().strategyId().toString())
        .collect(Collectors.toSet());
  }

  /**
   * The leaderboard once scoring-service has recorded the cycle's promotion decision (status
   * COMPLETED), from when on its promoted flags are final: scoring learns the decision from
   * cycle.completed, a moment after the cycle completed.
   */
  private JsonNode completedLeaderboard() {
    if (completedLeaderboard == null) {
      AtomicReference<JsonNode> board = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Response response =
                    as("viewer")
                        .queryParam("size", 100)
                        .get("/api/v1/cycles/{id}/leaderboard", cycleId);
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                board.set(json(response));
                assertThat(board.get().path("status").asText())
                    .as("leaderboard status")
                    .isEqualTo("COMPLETED");
              });
      completedLeaderboard = board.get();
    }
    return completedLeaderboard;
  }

  private static TestKafka kafka() {
    return new TestKafka(StackUnderTest.KAFKA_BOOTSTRAP_SERVERS, StackUnderTest.TOPIC_PREFIX);
  }

  private static Set<String> flagged(List<JsonNode> ranked) {
    return ranked.stream()
        .filter(item -> item.path("promoted").asBoolean())
        .map(CycleEndToEndIT::strategyId)
        .collect(Collectors.toSet());
  }

  private static String strategyId(JsonNode leaderboardItem) {
    return leaderboardItem.path("strategyId").asText();
  }

  private static Set<String> ids(List<JsonNode> items, String field) {
    return items.stream().map(i -> i.path(field).asText()).collect(Collectors.toSet());
  }

  /**
   * How many entries of each of {@code types} there are (0 included). Other types are left out: the
   * monitoring of the promoted strategies may add its own events under the same correlation id.
   */
  private static Map<String, Long> countByType(List<JsonNode> entries, Set<String> types) {
    Map<String, Long> counts = new LinkedHashMap<>();
    types.forEach(t -> counts.put(t, 0L));
    entries.stream()
        .map(e -> e.path("type").asText())
        .filter(types::contains)
        .forEach(t -> counts.merge(t, 1L, Long::sum));
    return counts;
  }
}

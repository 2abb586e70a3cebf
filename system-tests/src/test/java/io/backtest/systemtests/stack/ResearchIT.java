package io.backtest.systemtests.stack;

import static io.backtest.systemtests.stack.StackUnderTest.as;
import static io.backtest.systemtests.stack.StackUnderTest.fields;
import static io.backtest.systemtests.stack.StackUnderTest.json;
import static io.backtest.systemtests.stack.StackUnderTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.support.testing.TestKafka;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The research engine through the gateway as a quant uses it: templates to choose from, a
 * synchronous backtest, a synthetic dataset, and a multi-template walk-forward cycle whose results
 * reach Kafka with their folds, trials and provenance.
 */
class ResearchIT {

  @Test
  void templatesListEveryFamilyWithItsTypedSpace() {
    JsonNode templates = json(as("viewer").get("/api/v1/templates"));
    List<String> ids =
        StackUnderTest.elements(templates.isArray() ? templates : templates.path("items")).stream()
            .map(t -> t.path("id").asText())
            .toList();

    assertThat(ids)
        .contains(
            "buy-and-hold",
            "sma-crossover",
            "ema-crossover",
            "rsi-reversion",
            "bollinger-reversion",
            "bollinger-breakout",
            "macd",
            "donchian-breakout",
            "momentum");
  }

  @Test
  void aSynchronousBacktestAnswersTradesEquityAndMetricsOfTheNamedDataset() {
    JsonNode dataset = json(as("viewer").get("/api/v1/datasets/aapl-1d-2013"));
    Response response =
        as("operator")
            .contentType("application/json")
            .body(
                Map.of(
                    "datasetId",
                    "aapl-1d-2013",
                    "template",
                    "sma-crossover",
                    "params",
                    Map.of("fast", 10, "slow", 50),
                    "costs",
                    Map.of("feeBps", 0, "slippageBps", 0)))
            .post("/api/v1/backtests");

    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    JsonNode result = json(response);
    assertThat(result.path("trades").size()).isPositive();
    assertThat(result.path("equity").size()).isEqualTo(252);
    assertThat(result.path("dataset").path("sha256").asText())
        .isEqualTo(dataset.path("sha256").asText());
    assertThat(result.path("engineVersion").asText()).isNotBlank();
    assertThat(result.path("metrics").path("sharpe").isNumber()).isTrue();
  }

  @Test
  void aBacktestWithAParameterOutsideItsSpaceIsAProblemNamingIt() {
    Response response =
        as("operator")
            .contentType("application/json")
            .body(
                Map.of(
                    "datasetId", "aapl-1d-2013",
                    "template", "sma-crossover",
                    "params", Map.of("fast", 10, "slow", 55)))
            .post("/api/v1/backtests");

    JsonNode problem = problem(response, 422);
    assertThat(String.join(" ", fields(problem))).contains("params");
  }

  @Test
  void aMultiTemplateWalkForwardCycleOnASyntheticDatasetPublishesFoldsTrialsAndProvenance() {
    Response synthetic =
        as("operator")
            .contentType("application/json")
            .body(Map.of("bars", 3_000, "seed", 11, "model", "regime-switching"))
            .post("/api/v1/datasets/synthetic");
    assertThat(synthetic.statusCode()).as(synthetic.asString()).isIn(200, 201);
    JsonNode dataset = json(synthetic).path("dataset");
    String datasetId = dataset.path("id").asText();
    assertThat(json(synthetic).path("regimes").size()).isPositive();

    int candidates = 12;
    Response started =
        as("operator")
            .contentType("application/json")
            .body(
                Map.of(
                    "datasetId",
                    datasetId,
                    "candidates",
                    candidates,
                    "seed",
                    5,
                    "templates",
                    List.of("sma-crossover", "macd", "rsi-reversion"),
                    "walkForward",
                    Map.of("inSampleBars", 1_000, "outOfSampleBars", 500, "points", 10),
                    "costs",
                    Map.of("feeBps", 5, "slippageBps", 2)))
            .post("/api/v1/cycles");
    assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
    UUID cycleId = UUID.fromString(json(started).path("cycleId").asText());

    JsonNode cycle = SelectionIT.awaitFinal(cycleId);
    assertThat(cycle.path("status").asText()).isEqualTo("COMPLETED");

    Predicate<EventEnvelope<BacktestCompleted>> ofThisCycle =
        e -> cycleId.equals(e.data().cycleId());
    int backtested = cycle.path("counts").path("backtested").asInt();
    assertThat(backtested).isEqualTo(candidates);
    List<EventEnvelope<BacktestCompleted>> results;
    try (TestKafka kafka =
        new TestKafka(StackUnderTest.KAFKA_BOOTSTRAP_SERVERS, StackUnderTest.TOPIC_PREFIX)) {
      results =
          kafka.awaitEvents(
              EventCatalog.BACKTEST_COMPLETED, ofThisCycle, backtested, Duration.ofSeconds(60));
    }
    assertThat(results).hasSize(candidates);
    assertThat(results.stream().map(e -> e.data().strategy().template()).distinct())
        .containsExactlyInAnyOrder("sma-crossover", "macd", "rsi-reversion");
    for (EventEnvelope<BacktestCompleted> e : results) {
      BacktestCompleted r = e.data();
      // 3,000 bars, in-sample 1,000, out-of-sample 500: folds test [1000,1500) … [2500,3000).
      assertThat(r.walkForward().folds()).hasSize(4);
      FoldSummary first = r.walkForward().folds().getFirst();
      assertThat(first.outOfSample().fromIndex()).isEqualTo(1_000);
      assertThat(first.inSample().fromIndex()).isZero();
      assertThat(r.walkForward().trials()).isEqualTo(10);
      assertThat(r.walkForward().evaluations()).isEqualTo(40);
      assertThat(r.metrics().barCount()).isEqualTo(2_000);
      assertThat(r.returns().count()).isEqualTo(1_999);
      assertThat(r.provenance().datasetSha256()).isEqualTo(dataset.path("sha256").asText());
      assertThat(r.provenance().seed()).isEqualTo(5);
      assertThat(r.provenance().engineVersion()).isNotBlank();
      assertThat(r.execution().feeBps()).isEqualTo(5);
    }
  }
}

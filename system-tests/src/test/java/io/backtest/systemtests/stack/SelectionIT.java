package io.backtest.systemtests.stack;

import static io.backtest.systemtests.stack.StackUnderTest.CORRELATION_HEADER;
import static io.backtest.systemtests.stack.StackUnderTest.as;
import static io.backtest.systemtests.stack.StackUnderTest.items;
import static io.backtest.systemtests.stack.StackUnderTest.json;
import static io.backtest.systemtests.stack.StackUnderTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.support.testing.TestKafka;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Selection through the running stack: a cycle on a random walk promotes nothing and says why, a
 * cycle on a planted edge promotes a trend follower with the baseline live trading needs, and an
 * admin demotes, restores and rolls back the live set, every change audited.
 */
class SelectionIT {

  @Test
  void aCycleOnARandomWalkPromotesNothingAndEveryRejectionNamesItsNumbers() {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("bars", 5_000);
    dataset.put("seed", 11);
    dataset.put("model", "gbm");
    dataset.put("symbol", "NOISEIT");
    dataset.put("timeframe", "1d");
    dataset.put("drift", 0.0);
    dataset.put("volatility", 0.01);
    UUID cycleId = startCycle(createDataset(dataset), 200, 11, null);

    JsonNode cycle = awaitFinal(cycleId);
    assertThat(cycle.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(cycle.path("counts").path("promoted").asInt()).isZero();

    JsonNode board = completedLeaderboard(cycleId);
    JsonNode diagnostics = board.path("diagnostics");
    // 200 candidates x 21-point regions, plus whatever the ledger held for this instrument
    assertThat(diagnostics.path("trials").asLong()).isGreaterThanOrEqualTo(4_200);
    assertThat(diagnostics.path("overfitting").path("splits").asInt()).isEqualTo(12_870);
    JsonNode best = items(board).getFirst();
    assertThat(best.path("verdict").asText()).isNotEqualTo("PROMOTED");
    assertThat(best.path("statistics").path("deflatedSharpe").asDouble()).isLessThan(0.95);

    JsonNode scorecard =
        json(
            as("viewer")
                .get("/api/v1/strategies/{id}/scorecard", best.path("strategyId").asText()));
    assertThat(scorecard.path("verdict").path("reason").asText()).startsWith("rejected: DSR");
    assertThat(scorecard.path("verdict").path("reason").asText()).contains("trials");
  }

  @Test
  void aCycleOnAPlantedEdgePromotesATrendFollowerThatAnAdminCanDemoteAndRollBack() {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("bars", 5_000);
    dataset.put("seed", 5);
    dataset.put("model", "regime-switching");
    dataset.put("symbol", "TRENDIT");
    dataset.put("timeframe", "1d");
    dataset.put(
        "regimes",
        List.of(
            Map.of("name", "up", "drift", 0.003, "volatility", 0.01, "meanDuration", 250),
            Map.of("name", "down", "drift", -0.003, "volatility", 0.01, "meanDuration", 250)));
    UUID cycleId = startCycle(createDataset(dataset), 60, 5, null);

    JsonNode cycle = awaitFinal(cycleId);
    assertThat(cycle.path("status").asText()).isEqualTo("COMPLETED");
    int promoted = cycle.path("counts").path("promoted").asInt();
    assertThat(promoted).isPositive();

    List<EventEnvelope<StrategyPromoted>> promotions;
    try (TestKafka kafka =
        new TestKafka(StackUnderTest.KAFKA_BOOTSTRAP_SERVERS, StackUnderTest.TOPIC_PREFIX)) {
      promotions =
          kafka.awaitEvents(
              EventCatalog.STRATEGY_PROMOTED,
              e -> cycleId.equals(e.data().cycleId()),
              promoted,
              Duration.ofSeconds(60));
    }
    StrategyPromoted first = promotions.getFirst().data();
    assertThat(first.strategy().template()).isEqualTo("sma-crossover");
    assertThat(first.expected().sharpe()).isPositive();
    assertThat(first.expected().maxDrawdown()).isBetween(0.0, 0.20);
    assertThat(first.expected().deflatedSharpe()).isGreaterThanOrEqualTo(0.95);
    assertThat(first.reason()).startsWith("promoted: ").contains("DSR").contains("live");
    UUID strategyId = first.strategyId();

    String correlationId = "selection-it-" + UUID.randomUUID();
    Response demoted =
        as("admin")
            .header(CORRELATION_HEADER, correlationId)
            .contentType("application/json")
            .body(Map.of("reason", "system test: demote and roll back"))
            .post("/api/v1/strategies/{id}/demote", strategyId);
    assertThat(demoted.statusCode()).as(demoted.asString()).isEqualTo(200);
    assertThat(json(demoted).path("action").asText()).isEqualTo("DEMOTED");
    assertThat(liveIds()).doesNotContain(strategyId.toString());

    problem(
        as("admin")
            .contentType("application/json")
            .body(Map.of("reason", "again"))
            .post("/api/v1/strategies/{id}/demote", strategyId),
        409);
    assertThat(
            as("operator")
                .contentType("application/json")
                .body(Map.of("reason", "not mine to decide"))
                .post("/api/v1/strategies/{id}/promote", strategyId)
                .statusCode())
        .isEqualTo(403);

    Response rolledBack =
        as("admin")
            .header(CORRELATION_HEADER, correlationId)
            .contentType("application/json")
            .body(Map.of("cycleId", cycleId.toString(), "reason", "system test"))
            .post("/api/v1/deployments/rollback");
    assertThat(rolledBack.statusCode()).as(rolledBack.asString()).isEqualTo(200);
    assertThat(json(rolledBack).path("promoted").toString()).contains(strategyId.toString());
    assertThat(liveIds()).contains(strategyId.toString());

    // the demotion and the restoring promotion are in the audit log under the request's id
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<String> types = new ArrayList<>();
              items(
                      json(
                          as("viewer")
                              .queryParam("correlationId", correlationId)
                              .queryParam("size", 50)
                              .get("/api/v1/audit/entries")))
                  .forEach(e -> types.add(e.path("type").asText()));
              assertThat(types)
                  .contains(
                      EventCatalog.STRATEGY_DEMOTED.type(), EventCatalog.STRATEGY_PROMOTED.type());
            });
  }

  static List<String> liveIds() {
    List<String> ids = new ArrayList<>();
    json(as("viewer").get("/api/v1/deployments"))
        .path("strategies")
        .forEach(s -> ids.add(s.path("strategyId").asText()));
    return ids;
  }

  static String createDataset(Map<String, Object> request) {
    Response created =
        as("operator")
            .contentType("application/json")
            .body(request)
            .post("/api/v1/datasets/synthetic");
    assertThat(created.statusCode()).as(created.asString()).isIn(200, 201);
    return json(created).path("dataset").path("id").asText();
  }

  /** A 200- or 60-candidate SMA-crossover cycle with the 8-fold walk-forward of the bench. */
  static UUID startCycle(String datasetId, int candidates, long seed, String correlationId) {
    var request = as("operator").contentType("application/json");
    if (correlationId != null) {
      request.header(CORRELATION_HEADER, correlationId);
    }
    Response started =
        request
            .body(
                Map.of(
                    "datasetId",
                    datasetId,
                    "candidates",
                    candidates,
                    "seed",
                    seed,
                    "templates",
                    List.of("sma-crossover"),
                    "walkForward",
                    Map.of(
                        "windows",
                        "rolling",
                        "inSampleBars",
                        1_000,
                        "outOfSampleBars",
                        500,
                        "search",
                        "grid",
                        "points",
                        21),
                    "costs",
                    Map.of("feeBps", 3, "slippageBps", 2)))
            .post("/api/v1/cycles");
    assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
    UUID cycleId = UUID.fromString(json(started).path("cycleId").asText());
    assertThat(started.header("Location")).endsWith("/api/v1/cycles/" + cycleId);
    if (correlationId != null) {
      assertThat(json(started).path("correlationId").asText()).isEqualTo(correlationId);
    }
    return cycleId;
  }

  static JsonNode awaitFinal(UUID id) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              JsonNode body = json(as("viewer").get("/api/v1/cycles/{id}", id));
              last.set(body);
              String status = body.path("status").asText();
              return status.equals("COMPLETED") || status.equals("FAILED");
            });
    return last.get();
  }

  /** The leaderboard once scoring has recorded the cycle's decision (verdicts are in). */
  static JsonNode completedLeaderboard(UUID id) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode body =
                  json(
                      as("viewer")
                          .queryParam("size", 5)
                          .get("/api/v1/cycles/{id}/leaderboard", id));
              last.set(body);
              return body.path("status").asText().equals("COMPLETED");
            });
    return last.get();
  }
}

package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each read operation reaches the right service, path and query, and answers what it answered. */
@QuarkusTest
class ForwardingTest {
  @InjectStubs DownstreamStubs stubs;

  @Test
  void strategiesListForwardsItsFilters() {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "strategies-" + cycleId;
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/strategies",
            Answer.json(
                200,
                Canned.json(
                    "strategy/strategies-page.json",
                    Map.of("id", UUID.randomUUID(), "cycleId", cycleId))));

    as(Tokens.viewer(), correlationId)
        .queryParam("status", "LIVE")
        .queryParam("cycleId", cycleId.toString())
        .queryParam("size", 50)
        .get("/api/v1/strategies")
        .then()
        .statusCode(200)
        .body("items[0].cycleId", equalTo(cycleId.toString()))
        .body("items[0].status", equalTo("LIVE"));

    assertThat(stubs.strategy().onlyRequestWithCorrelationId(correlationId).queryParameters())
        .isEqualTo(
            Map.of("status", "LIVE", "cycleId", cycleId.toString(), "page", "0", "size", "50"));
  }

  @Test
  void strategiesCycleFilterMustBeAUuid() {
    as(Tokens.viewer(), "strategies-bad-cycle")
        .queryParam("cycleId", "last-week")
        .get("/api/v1/strategies")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("cycleId"))
        .body("errors.reason", contains("must be a UUID but was 'last-week'"));
    assertThat(stubs.strategy().requestsWithCorrelationId("strategies-bad-cycle")).isEmpty();
  }

  @Test
  void strategyIsReadFromStrategyService() {
    UUID id = UUID.randomUUID();
    UUID cycleId = UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/strategies/" + id,
            Answer.json(
                200, Canned.json("strategy/strategy.json", Map.of("id", id, "cycleId", cycleId))));

    as(Tokens.viewer(), "strategy-" + id)
        .get("/api/v1/strategies/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id.toString()))
        .body("reason", equalTo("score 0.31 < 0.50"))
        .body("backtest.status", equalTo("COMPLETED"));
    assertThat(stubs.strategy().onlyRequestWithCorrelationId("strategy-" + id).path())
        .isEqualTo("/api/v1/strategies/" + id);
  }

  @Test
  void scorecardIsReadFromScoringService() throws Exception {
    UUID id = UUID.randomUUID();
    stubs
        .scoring()
        .answer(
            "GET",
            "/api/v1/strategies/" + id + "/scorecard",
            Answer.json(200, Canned.json("scoring/scorecard.json", Map.of("id", id))));

    String body =
        as(Tokens.viewer(), "scorecard-" + id)
            .get("/api/v1/strategies/" + id + "/scorecard")
            .then()
            .statusCode(200)
            .body("strategyId", equalTo(id.toString()))
            .body("statistics.deflatedSharpe", equalTo(0.41f))
            .body("verdict.gates.gate", contains("deflated-sharpe", "pbo"))
            .body("correlations.withCandidates[0].correlation", equalTo(0.64f))
            .extract()
            .asString();
    assertThat(stubs.scoring().onlyRequestWithCorrelationId("scorecard-" + id).path())
        .isEqualTo("/api/v1/strategies/" + id + "/scorecard");
    // passed through as answered: statistics, gates, correlations and all
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(body))
        .isEqualTo(json.readTree(Canned.json("scoring/scorecard.json", Map.of("id", id))));
  }

  @Test
  void malformedStrategyIdIsBadRequest() {
    as(Tokens.viewer(), "strategy-bad-id")
        .get("/api/v1/strategies/1234/scorecard")
        .then()
        .statusCode(400)
        .body("errors.field", contains("id"));
    as(Tokens.viewer(), "strategy-bad-id")
        .get("/api/v1/strategies/3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f7")
        .then()
        .statusCode(400)
        .body("errors.field", contains("id"));
    assertThat(stubs.strategy().requestsWithCorrelationId("strategy-bad-id")).isEmpty();
    assertThat(stubs.scoring().requestsWithCorrelationId("strategy-bad-id")).isEmpty();
  }

  @Test
  void datasetsAndTemplatesAreReadFromStrategyService() {
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/datasets",
            Answer.json(200, Canned.json("strategy/datasets-page.json")));
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/datasets/aapl-1d-2013",
            Answer.json(200, Canned.json("strategy/dataset.json")));
    stubs.templatesAnswer();

    as(Tokens.viewer(), "datasets-1")
        .get("/api/v1/datasets")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo("aapl-1d-2013"));
    as(Tokens.viewer(), "datasets-2")
        .get("/api/v1/datasets/aapl-1d-2013")
        .then()
        .statusCode(200)
        .body("barCount", equalTo(252))
        .body("symbol", equalTo("AAPL"));
    as(Tokens.viewer(), "datasets-3")
        .get("/api/v1/templates")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo("sma-crossover"))
        .body("items[0].parameters.name", contains("fast", "slow", "stopLossAtr"))
        .body("items[0].parameters.type", contains("int", "int", "decimal"))
        .body("items[0].gridSize", equalTo(445));

    assertThat(stubs.strategy().onlyRequestWithCorrelationId("datasets-1").queryParameters())
        .isEqualTo(Map.of("page", "0", "size", "20"));
    assertThat(stubs.strategy().onlyRequestWithCorrelationId("datasets-2").path())
        .isEqualTo("/api/v1/datasets/aapl-1d-2013");
    assertThat(stubs.strategy().onlyRequestWithCorrelationId("datasets-3").path())
        .isEqualTo("/api/v1/templates");
  }

  @Test
  void malformedDatasetIdIsBadRequest() {
    as(Tokens.viewer(), "dataset-bad-id")
        .get("/api/v1/datasets/-starts-with-a-dash")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("id"))
        .body("errors.reason", contains(startsWith("must be a dataset id")));
    assertThat(stubs.strategy().requestsWithCorrelationId("dataset-bad-id")).isEmpty();
  }

  @Test
  void auditSearchForwardsEveryFilter() {
    String searched = "cycle-corr:" + UUID.randomUUID();
    stubs
        .audit()
        .answer(
            "GET",
            "/api/v1/audit/entries",
            Answer.json(
                200, Canned.json("audit/entries-page.json", Map.of("correlationId", searched))));

    as(Tokens.viewer(), "audit-search-1")
        .queryParam("correlationId", searched)
        .queryParam("subject", "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70")
        .queryParam("type", "io.backtest.cycle.started")
        .queryParam("from", "2024-05-01T00:00:00Z")
        .queryParam("to", "2024-05-02T00:00:00+02:00")
        .queryParam("page", 3)
        .get("/api/v1/audit/entries")
        .then()
        .statusCode(200)
        .body("items[0].correlationId", equalTo(searched))
        .body("items[0].seq", equalTo(1));

    assertThat(stubs.audit().onlyRequestWithCorrelationId("audit-search-1").queryParameters())
        .isEqualTo(
            Map.of(
                "correlationId", searched,
                "subject", "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
                "type", "io.backtest.cycle.started",
                "from", "2024-05-01T00:00:00Z",
                "to", "2024-05-02T00:00:00+02:00",
                "page", "3",
                "size", "20"));
  }

  @Test
  void auditEntryIsReadBySequenceNumber() {
    stubs
        .audit()
        .answer(
            "GET",
            "/api/v1/audit/entries/17",
            Answer.json(200, Canned.json("audit/entry.json", Map.of("seq", 17))));

    as(Tokens.viewer(), "audit-entry-17")
        .get("/api/v1/audit/entries/17")
        .then()
        .statusCode(200)
        .body("seq", equalTo(17));

    for (String bad : new String[] {"0", "-3", "seventeen"}) {
      as(Tokens.viewer(), "audit-entry-bad")
          .get("/api/v1/audit/entries/" + bad)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains("seq"));
    }
    assertThat(stubs.audit().requestsWithCorrelationId("audit-entry-bad")).isEmpty();
  }

  @Test
  void marketWindowsAreReadFromRegimeService() {
    stubs
        .regime()
        .answer(
            "GET",
            "/api/v1/market/windows",
            Answer.json(
                200, Canned.json("regime/windows-page.json", Map.of("page", 1, "size", 2))));

    as(Tokens.viewer(), "windows-1")
        .queryParam("page", 1)
        .queryParam("size", 2)
        .get("/api/v1/market/windows")
        .then()
        .statusCode(200)
        .body("items[0].symbol", equalTo("AAPL"))
        .body("items[0].realisedVolatility", equalTo(0.2713f));

    assertThat(stubs.regime().onlyRequestWithCorrelationId("windows-1").queryParameters())
        .isEqualTo(Map.of("page", "1", "size", "2"));
  }

  @Test
  void monitoredStrategiesAreReadFromMonitoringService() {
    stubs
        .monitoring()
        .answer(
            "GET",
            "/api/v1/monitoring/strategies",
            Answer.json(200, Canned.json("monitoring/strategies-page.json")));

    as(Tokens.viewer(), "monitoring-1")
        .queryParam("status", "WATCHING")
        .get("/api/v1/monitoring/strategies")
        .then()
        .statusCode(200)
        .body("items[0].status", equalTo("WATCHING"))
        .body("items[0].baseline.sharpe", equalTo(1.6f));

    assertThat(stubs.monitoring().onlyRequestWithCorrelationId("monitoring-1").queryParameters())
        .isEqualTo(Map.of("status", "WATCHING", "page", "0", "size", "20"));
  }

  @Test
  void downstreamErrorWithoutProblemBodyGetsOne() {
    UUID id = UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/strategies/" + id,
            new Answer(409, "text/plain", "busy", Map.of(), java.time.Duration.ZERO, false));

    as(Tokens.viewer(), "plain-409")
        .get("/api/v1/strategies/" + id)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("status", equalTo(409))
        .body("title", equalTo("Conflict"))
        .body("detail", equalTo("strategy-service answered 409 Conflict."))
        .body("instance", equalTo("/api/v1/strategies/" + id))
        .body("correlationId", equalTo("plain-409"));
  }
}

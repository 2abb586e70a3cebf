package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.as;
import static io.backtest.gateway.GatewayRequests.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.gateway.Tokens;
import io.backtest.gateway.cache.ReadCache;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.backtest.gateway.stub.StubService.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Live behaviour through the gateway: replays of datasets onto the market feed (operators start and
 * stop them, strategy-service), market regimes (regime-service), paper trading and alerts
 * (monitoring-service); filters checked here and forwarded as sent.
 */
@QuarkusTest
class MarketFeedForwardingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPLAY = "/api/v1/market/replay";

  @InjectStubs DownstreamStubs stubs;

  @Inject ReadCache cache;

  @Test
  void operatorStartsAReplayWhichIsForwardedAsSent() throws Exception {
    String correlationId = "replay-" + UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "POST",
            REPLAY,
            Answer.json(202, ApiExamples.REPLAY)
                .withHeader("Location", REPLAY + "/6c1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f"));
    String request =
        "{\"datasetId\": \"aapl-1d-2013\", \"barsPerSecond\": 50.0,"
            + " \"from\": \"2013-06-03T00:00:00Z\"}";

    as(Tokens.operator(), correlationId)
        .contentType("application/json")
        .body(request)
        .post(REPLAY)
        .then()
        .statusCode(202)
        .header("X-Correlation-Id", correlationId)
        .header("Location", endsWith(REPLAY + "/6c1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f"))
        .body("status", equalTo("RUNNING"))
        .body("publishedBars", equalTo(60));

    RecordedRequest forwarded = stubs.strategy().onlyRequestWithCorrelationId(correlationId);
    assertThat(forwarded.path()).isEqualTo(REPLAY);
    assertThat(JSON.readTree(forwarded.body())).isEqualTo(JSON.readTree(request));
  }

  @Test
  void replayWithoutPaceOrStartIsForwardedWithoutThem() throws Exception {
    String correlationId = "replay-fast-" + UUID.randomUUID();
    stubs.strategy().answer("POST", REPLAY, Answer.json(202, ApiExamples.REPLAY));

    as(Tokens.admin(), correlationId)
        .contentType("application/json")
        .body("{\"datasetId\": \"aapl-1d-2013\"}")
        .post(REPLAY)
        .then()
        .statusCode(202);

    assertThat(JSON.readTree(stubs.strategy().onlyRequestWithCorrelationId(correlationId).body()))
        .isEqualTo(JSON.readTree("{\"datasetId\": \"aapl-1d-2013\"}"));
  }

  @Test
  void viewersMayWatchReplaysButNotStartOrStopThem() {
    String correlationId = "replay-as-viewer-" + UUID.randomUUID();
    asViewer(correlationId)
        .contentType("application/json")
        .body("{\"datasetId\": \"aapl-1d-2013\"}")
        .post(REPLAY)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", equalTo("This operation needs the role operator."));
    asViewer(correlationId).post(REPLAY + "/" + UUID.randomUUID() + "/stop").then().statusCode(403);
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();

    UUID id = UUID.randomUUID();
    String watching = "replay-watch-" + id;
    stubs.strategy().answer("GET", REPLAY + "/" + id, Answer.json(200, ApiExamples.REPLAY));
    asViewer(watching)
        .get(REPLAY + "/" + id)
        .then()
        .statusCode(200)
        .body("totalBars", equalTo(147));
    stubs.strategy().answer("GET", REPLAY, Answer.json(200, ApiExamples.REPLAYS));
    asViewer(watching)
        .queryParam("status", "COMPLETED")
        .get(REPLAY)
        .then()
        .statusCode(200)
        .body("items[0].status", equalTo("COMPLETED"));
    assertThat(stubs.strategy().requestsWithCorrelationId(watching)).hasSize(2);
    assertThat(stubs.strategy().requestsWithCorrelationId(watching).get(1).queryParameters())
        .isEqualTo(Map.of("status", "COMPLETED", "page", "0", "size", "20"));
  }

  @Test
  void operatorStopsAReplay() {
    UUID id = UUID.randomUUID();
    String correlationId = "replay-stop-" + id;
    stubs
        .strategy()
        .answer("POST", REPLAY + "/" + id + "/stop", Answer.json(200, ApiExamples.REPLAY));
    as(Tokens.operator(), correlationId).post(REPLAY + "/" + id + "/stop").then().statusCode(200);
    assertThat(stubs.strategy().onlyRequestWithCorrelationId(correlationId).path())
        .isEqualTo(REPLAY + "/" + id + "/stop");
  }

  @Test
  void malformedReplaysAreRefusedAtTheGateway() {
    String correlationId = "replay-bad-" + UUID.randomUUID();
    for (String[] bad :
        new String[][] {
          {"{}", "datasetId"},
          {"{\"datasetId\": \" \"}", "datasetId"},
          {"{\"datasetId\": \"d\", \"barsPerSecond\": 0}", "barsPerSecond"},
          {"{\"datasetId\": \"d\", \"barsPerSecond\": 1000001}", "barsPerSecond"},
          {"{\"datasetId\": \"d\", \"from\": \"yesterday\"}", "from"},
        }) {
      as(Tokens.operator(), correlationId)
          .contentType("application/json")
          .body(bad[0])
          .post(REPLAY)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains(bad[1]));
    }
    as(Tokens.operator(), correlationId)
        .get(REPLAY + "/42")
        .then()
        .statusCode(400)
        .body("errors.field", contains("id"));
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void currentRegimesNeedASymbolAndAreReadFromRegimeService() {
    cache.invalidate(cache.regimes("AAPL")).await().indefinitely(); // read through
    String correlationId = "regimes-" + UUID.randomUUID();
    stubs
        .regime()
        .answer("GET", "/api/v1/regimes/current", Answer.json(200, ApiExamples.CURRENT_REGIMES));

    asViewer(correlationId)
        .queryParam("symbol", "AAPL")
        .queryParam("timeframe", "1d")
        .get("/api/v1/regimes/current")
        .then()
        .statusCode(200)
        .body("timeframes[0].detectors[0].regime", equalTo("HIGH"));
    assertThat(stubs.regime().onlyRequestWithCorrelationId(correlationId).queryParameters())
        .isEqualTo(Map.of("symbol", "AAPL", "timeframe", "1d"));

    String missing = "regimes-missing-" + UUID.randomUUID();
    asViewer(missing)
        .get("/api/v1/regimes/current")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("symbol"));
    assertThat(stubs.regime().requestsWithCorrelationId(missing)).isEmpty();
  }

  @Test
  void regimeHistoryForwardsItsFiltersAndPage() {
    String correlationId = "regime-history-" + UUID.randomUUID();
    stubs
        .regime()
        .answer("GET", "/api/v1/regimes/history", Answer.json(200, ApiExamples.REGIME_HISTORY));

    asViewer(correlationId)
        .queryParam("symbol", "AAPL")
        .queryParam("detector", "volatility")
        .queryParam("page", 2)
        .queryParam("size", 5)
        .get("/api/v1/regimes/history")
        .then()
        .statusCode(200)
        .body("items[0].to", equalTo("HIGH"));
    assertThat(stubs.regime().onlyRequestWithCorrelationId(correlationId).queryParameters())
        .isEqualTo(Map.of("symbol", "AAPL", "detector", "volatility", "page", "2", "size", "5"));
  }

  @Test
  void liveStrategyIsReadFromMonitoringServiceWithItsPointCount() {
    UUID id = UUID.randomUUID();
    String correlationId = "monitored-" + id;
    stubs
        .monitoring()
        .answer(
            "GET",
            "/api/v1/monitoring/strategies/" + id,
            Answer.json(200, ApiExamples.MONITORED_STRATEGY));

    asViewer(correlationId)
        .queryParam("points", 100)
        .get("/api/v1/monitoring/strategies/" + id)
        .then()
        .statusCode(200)
        .body("drift.detection.detector", equalTo("cusum"));
    assertThat(stubs.monitoring().onlyRequestWithCorrelationId(correlationId).queryParameters())
        .isEqualTo(Map.of("points", "100"));

    String bad = "monitored-bad-" + id;
    asViewer(bad)
        .queryParam("points", 0)
        .get("/api/v1/monitoring/strategies/" + id)
        .then()
        .statusCode(400)
        .body("errors.field", contains("points"));
    asViewer(bad).get("/api/v1/monitoring/strategies/42").then().statusCode(400);
    assertThat(stubs.monitoring().requestsWithCorrelationId(bad)).isEmpty();
  }

  @Test
  void alertsForwardEveryFilterAndCheckTheirTypes() {
    UUID strategy = UUID.randomUUID();
    String correlationId = "alerts-" + strategy;
    stubs
        .monitoring()
        .answer("GET", "/api/v1/monitoring/alerts", Answer.json(200, ApiExamples.ALERTS));

    asViewer(correlationId)
        .queryParam("strategyId", strategy.toString())
        .queryParam("symbol", "AAPL")
        .queryParam("severity", "CRITICAL")
        .queryParam("kind", "drift")
        .queryParam("from", "2024-09-01T00:00:00Z")
        .queryParam("to", "2024-10-01T00:00:00Z")
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(200)
        .body("items[0].kind", equalTo("drift"));
    assertThat(stubs.monitoring().onlyRequestWithCorrelationId(correlationId).queryParameters())
        .isEqualTo(
            Map.of(
                "strategyId", strategy.toString(),
                "symbol", "AAPL",
                "severity", "CRITICAL",
                "kind", "drift",
                "from", "2024-09-01T00:00:00Z",
                "to", "2024-10-01T00:00:00Z",
                "page", "0",
                "size", "20"));

    String bad = "alerts-bad-" + strategy;
    asViewer(bad)
        .queryParam("strategyId", "nope")
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(400)
        .body("errors.field", contains("strategyId"));
    asViewer(bad)
        .queryParam("from", "last week")
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(400)
        .body("errors.field", contains("from"));
    assertThat(stubs.monitoring().requestsWithCorrelationId(bad)).isEmpty();
  }
}

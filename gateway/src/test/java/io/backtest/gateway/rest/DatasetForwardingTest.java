package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.backtest.gateway.stub.StubService.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dataset uploads, synthetic datasets and regimes reach strategy-service as sent. */
@QuarkusTest
class DatasetForwardingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CSV =
      "time,open,high,low,close,volume\n2024-01-02,1,2,1,2,10\n2024-01-03,2,3,2,3,10\n";

  @InjectStubs DownstreamStubs stubs;

  @Test
  void operatorUploadIsForwardedWithBodyAndParameters() {
    stubs
        .strategy()
        .answer(
            "POST",
            "/api/v1/datasets",
            new Answer(
                201,
                "application/json",
                Canned.json("strategy/dataset.json"),
                Map.of("Location", stubs.strategy().url() + "/api/v1/datasets/aapl-1d-2013"),
                Duration.ZERO,
                false));

    as(Tokens.operator(), "upload-1")
        .contentType("text/csv")
        .queryParam("name", "aapl-1d-2013")
        .queryParam("symbol", "AAPL")
        .queryParam("timeframe", "1d")
        .queryParam("barsPerYear", "252")
        .body(CSV)
        .post("/api/v1/datasets")
        .then()
        .statusCode(201)
        .header("Location", "/api/v1/datasets/aapl-1d-2013")
        .body("barCount", equalTo(252));

    RecordedRequest forwarded = stubs.strategy().onlyRequestWithCorrelationId("upload-1");
    assertThat(forwarded.method()).isEqualTo("POST");
    assertThat(forwarded.path()).isEqualTo("/api/v1/datasets");
    assertThat(forwarded.header("Content-Type")).startsWith("text/csv");
    assertThat(forwarded.body()).isEqualTo(CSV);
    assertThat(forwarded.queryParameters())
        .isEqualTo(
            Map.of(
                "name", "aapl-1d-2013", "symbol", "AAPL", "timeframe", "1d", "barsPerYear", "252"));
  }

  @Test
  void uploadRejectionPassesThroughNamingTheRow() {
    stubs
        .strategy()
        .answer(
            "POST",
            "/api/v1/datasets",
            new Answer(
                422,
                "application/problem+json",
                """
                {"type":"about:blank","title":"Unprocessable Content","status":422,
                 "detail":"body: line 3 (row 2): high 1.5 is below max(open, close) 2.0",
                 "errors":[{"field":"body",
                            "reason":"line 3 (row 2): high 1.5 is below max(open, close) 2.0"}]}""",
                Map.of(),
                Duration.ZERO,
                false));

    as(Tokens.operator(), "upload-422")
        .contentType("text/csv")
        .queryParam("name", "bad")
        .queryParam("symbol", "X")
        .queryParam("timeframe", "1d")
        .body(CSV)
        .post("/api/v1/datasets")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.field", contains("body"))
        .body("errors.reason", contains("line 3 (row 2): high 1.5 is below max(open, close) 2.0"));
  }

  @Test
  void viewerCannotCreateDatasets() {
    as(Tokens.viewer(), "upload-viewer")
        .contentType("text/csv")
        .queryParam("name", "x")
        .body(CSV)
        .post("/api/v1/datasets")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(Tokens.viewer(), "upload-viewer")
        .contentType("application/json")
        .body("{\"bars\":10,\"seed\":1,\"model\":\"gbm\"}")
        .post("/api/v1/datasets/synthetic")
        .then()
        .statusCode(403);
    assertThat(stubs.strategy().requestsWithCorrelationId("upload-viewer")).isEmpty();
  }

  @Test
  void syntheticRequestIsForwardedAsSent() throws Exception {
    stubs
        .strategy()
        .answer(
            "POST",
            "/api/v1/datasets/synthetic",
            Answer.json(
                201,
                Canned.json(
                    "strategy/synthetic-dataset.json",
                    Map.of("id", "synthetic-3f9a1c0d2b7e4a65"))));
    String body =
        """
        {"bars": 100000, "seed": 7, "model": "regime-switching",
         "regimes": [{"name": "calm", "drift": 0, "volatility": 0.001, "meanDuration": 500}]}""";

    as(Tokens.operator(), "synthetic-1")
        .contentType("application/json")
        .body(body)
        .post("/api/v1/datasets/synthetic")
        .then()
        .statusCode(201)
        .body("dataset.id", equalTo("synthetic-3f9a1c0d2b7e4a65"))
        .body("regimes.regime", contains("bull-quiet", "sideways"));

    RecordedRequest forwarded = stubs.strategy().onlyRequestWithCorrelationId("synthetic-1");
    assertThat(forwarded.path()).isEqualTo("/api/v1/datasets/synthetic");
    assertThat(forwarded.header("Content-Type")).startsWith("application/json");
    JsonNode sent = JSON.readTree(forwarded.body());
    assertThat(sent).isEqualTo(JSON.readTree(body));
  }

  @Test
  void syntheticWithoutBodyIsRefusedAtTheGateway() {
    as(Tokens.operator(), "synthetic-empty")
        .contentType("application/json")
        .post("/api/v1/datasets/synthetic")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    assertThat(stubs.strategy().requestsWithCorrelationId("synthetic-empty")).isEmpty();
  }

  @Test
  void regimesAreReadFromStrategyService() {
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/datasets/synthetic-3f9a1c0d2b7e4a65/regimes",
            Answer.json(200, Canned.json("strategy/regimes.json")));

    as(Tokens.viewer(), "regimes-1")
        .get("/api/v1/datasets/synthetic-3f9a1c0d2b7e4a65/regimes")
        .then()
        .statusCode(200)
        .body("regime", contains("bull-quiet", "sideways"))
        .body("[1].fromIndex", equalTo(2212));
    assertThat(stubs.strategy().onlyRequestWithCorrelationId("regimes-1").path())
        .isEqualTo("/api/v1/datasets/synthetic-3f9a1c0d2b7e4a65/regimes");

    as(Tokens.viewer(), "regimes-bad")
        .get("/api/v1/datasets/-bad/regimes")
        .then()
        .statusCode(400)
        .body("errors.field", contains("id"));
    assertThat(stubs.strategy().requestsWithCorrelationId("regimes-bad")).isEmpty();
  }
}

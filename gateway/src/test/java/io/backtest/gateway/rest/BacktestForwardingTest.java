package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.backtest.gateway.stub.StubService.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Synchronous backtests reach strategy-service as sent, for operators only, under their own longer
 * budget (9 s in tests, 60 s by default) while other calls keep the usual 5 s.
 */
@QuarkusTest
class BacktestForwardingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BACKTESTS = "/api/v1/backtests";
  private static final String REQUEST =
      """
      {"datasetId": "aapl-1d-2013", "template": "sma-crossover",
       "params": {"fast": 10, "slow": 50}, "costs": {"feeBps": 0, "slippageBps": 0},
       "walkForward": {"inSampleBars": 100, "outOfSampleBars": 30, "points": 9}, "seed": 7}""";
  private static final String ANSWER =
      """
      {"trades": [], "equity": [{"time": "2013-01-03T00:00:00Z", "value": 10000.0}],
       "metrics": {"totalReturn": 0.0, "sharpe": 0.0, "trades": 0},
       "barsPerYear": 252.0, "dataset": {"id": "aapl-1d-2013", "sha256": "ab"},
       "template": "sma-crossover", "params": {"fast": 10, "slow": 50}, "seed": 7,
       "engineVersion": "0.1.0-SNAPSHOT"}""";

  @InjectStubs DownstreamStubs stubs;

  @Test
  void operatorBacktestIsForwardedAsSentAndAnsweredAsIs() throws Exception {
    stubs.strategy().answer("POST", BACKTESTS, Answer.json(200, ANSWER));

    as(Tokens.operator(), "backtest-1")
        .contentType("application/json")
        .body(REQUEST)
        .post(BACKTESTS)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header("X-Correlation-Id", "backtest-1")
        .body("template", equalTo("sma-crossover"))
        .body("equity[0].value", equalTo(10000.0f));

    RecordedRequest forwarded = only("backtest-1");
    assertThat(forwarded.method()).isEqualTo("POST");
    assertThat(forwarded.path()).isEqualTo(BACKTESTS);
    assertThat(forwarded.header("Content-Type")).startsWith("application/json");
    JsonNode sent = JSON.readTree(forwarded.body());
    assertThat(sent).isEqualTo(JSON.readTree(REQUEST));
  }

  @Test
  void refusalPassesThroughNamingTheField() {
    stubs
        .strategy()
        .answer(
            "POST",
            BACKTESTS,
            new Answer(
                422,
                "application/problem+json",
                """
                {"type":"about:blank","title":"Unprocessable Content","status":422,
                 "detail":"params.slow: slow=55 is not on the grid 10..200 step 10",
                 "errors":[{"field":"params.slow",
                            "reason":"slow=55 is not on the grid 10..200 step 10"}]}""",
                java.util.Map.of(),
                Duration.ZERO,
                false));

    as(Tokens.operator(), "backtest-422")
        .contentType("application/json")
        .body(REQUEST.replace("\"slow\": 50", "\"slow\": 55"))
        .post(BACKTESTS)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.field", contains("params.slow"));
  }

  @Test
  void onlyOperatorsMayRunBacktests() {
    as(Tokens.viewer(), "backtest-viewer")
        .contentType("application/json")
        .body(REQUEST)
        .post(BACKTESTS)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("X-Correlation-Id", "backtest-anonymous")
        .contentType("application/json")
        .body(REQUEST)
        .post(BACKTESTS)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    assertThat(stubs.strategy().requestsWithCorrelationId("backtest-viewer")).isEmpty();
    assertThat(stubs.strategy().requestsWithCorrelationId("backtest-anonymous")).isEmpty();
  }

  @Test
  void missingBodyIsRefusedAtTheGateway() {
    as(Tokens.operator(), "backtest-empty")
        .contentType("application/json")
        .post(BACKTESTS)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    assertThat(stubs.strategy().requestsWithCorrelationId("backtest-empty")).isEmpty();
  }

  @Test
  void aBacktestMayTakeLongerThanTheUsualFiveSeconds() {
    stubs
        .strategy()
        .answer("POST", BACKTESTS, Answer.json(200, ANSWER).after(Duration.ofSeconds(6)));

    long start = System.nanoTime();
    as(Tokens.operator(), "backtest-slow")
        .contentType("application/json")
        .body(REQUEST)
        .post(BACKTESTS)
        .then()
        .statusCode(200)
        .body("seed", equalTo(7));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void aBacktestBeyondItsBudgetIsUnavailableWithinIt() {
    stubs
        .strategy()
        .answer("POST", BACKTESTS, Answer.json(200, ANSWER).after(Duration.ofSeconds(30)));

    long start = System.nanoTime();
    as(Tokens.operator(), "backtest-hung")
        .contentType("application/json")
        .body(REQUEST)
        .post(BACKTESTS)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("detail", equalTo("strategy-service is unavailable (no answer within 9000 ms)"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // the backtest budget (9 s here), not the stub's 30 s
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofSeconds(9))
        .isLessThan(Duration.ofSeconds(20));
  }

  private RecordedRequest only(String correlationId) {
    List<RecordedRequest> requests = stubs.strategy().requestsWithCorrelationId(correlationId);
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }
}

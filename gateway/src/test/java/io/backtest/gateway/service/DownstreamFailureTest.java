package io.backtest.gateway.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A service that cannot answer costs the caller a quick 503 naming it; one that keeps failing is
 * left alone by its circuit breaker (and only it), then tried again.
 */
@QuarkusTest
class DownstreamFailureTest {
  private static final String WINDOWS = "/api/v1/market/windows";
  private static final String MONITORED = "/api/v1/monitoring/strategies";

  @InjectStubs DownstreamStubs stubs;

  @Test
  void droppedConnectionIsUnavailableNamingTheService() {
    stubs.regime().answer("GET", WINDOWS, Answer.dropped());
    try {
      given()
          .auth()
          .oauth2(Tokens.viewer())
          .header("X-Correlation-Id", "dropped-1")
          .get(WINDOWS)
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("X-Correlation-Id", "dropped-1")
          .body("title", equalTo("Service Unavailable"))
          .body("detail", equalTo("regime-service is unavailable (cannot be reached)"))
          .body("instance", equalTo(WINDOWS))
          .body("correlationId", equalTo("dropped-1"));
    } finally {
      stubs
          .regime()
          .answer(
              "GET",
              WINDOWS,
              Answer.json(
                  200,
                  Canned.json(
                      "regime/windows-page.json", java.util.Map.of("page", 0, "size", 20))));
    }
  }

  @Test
  void serviceAnsweringUnavailableIsTheGatewaysUnavailable() {
    stubs
        .audit()
        .answer("GET", "/api/v1/audit/verify", Answer.problem(504, "Gateway Timeout", "x"));

    given()
        .auth()
        .oauth2(Tokens.admin())
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(503)
        .body("detail", equalTo("audit-service is unavailable (it answered HTTP 504)"));
  }

  @Test
  void failingServiceIsCutOffByItsBreakerThenTriedAgain() {
    stubs.monitoring().answer("GET", MONITORED, Answer.problem(503, "Service Unavailable", "down"));

    // failures fill the breaker's window of 10 calls until it opens
    String detail = "";
    for (int call = 0; call < 20 && !detail.contains("circuit breaker open"); call++) {
      Response response = given().auth().oauth2(Tokens.viewer()).get(MONITORED);
      assertThat(response.statusCode()).isEqualTo(503);
      detail = response.jsonPath().getString("detail");
    }
    assertThat(detail)
        .isEqualTo(
            "monitoring-service is unavailable (circuit breaker open after repeated failures)");

    // while open, calls are refused at once without reaching the service ...
    int reached = stubs.monitoring().requests("GET", MONITORED).size();
    long start = System.nanoTime();
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .get(MONITORED)
        .then()
        .statusCode(503)
        .body("detail", equalTo(detail));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(stubs.monitoring().requests("GET", MONITORED)).hasSize(reached);

    // ... and the other services' breakers are not affected
    stubs.templatesAnswer();
    given().auth().oauth2(Tokens.viewer()).get("/api/v1/templates").then().statusCode(200);

    // once the service is back, the breaker lets a trial call through after its delay (2 s here)
    stubs
        .monitoring()
        .answer("GET", MONITORED, Answer.json(200, Canned.json("monitoring/strategies-page.json")));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> given().auth().oauth2(Tokens.viewer()).get(MONITORED).statusCode() == 200);
    assertThat(stubs.monitoring().requests("GET", MONITORED)).hasSizeGreaterThan(reached);
  }
}

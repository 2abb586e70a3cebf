package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cycles through the gateway: start (operator), list, the merged view, validation, failures. */
@QuarkusTest
class CycleResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @InjectStubs DownstreamStubs stubs;

  @Test
  void operatorStartsCycleForwardedWithBodyAndCorrelationId() throws Exception {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "start-" + cycleId;
    stubs
        .strategy()
        .answer(
            "POST",
            "/api/v1/cycles",
            Answer.json(
                    202,
                    Canned.json(
                        "strategy/cycle-accepted.json",
                        Map.of("id", cycleId, "correlationId", correlationId)))
                // what a JAX-RS service answers: an absolute URL on its own host
                .withHeader("Location", stubs.strategy().url() + "/api/v1/cycles/" + cycleId));

    given()
        .auth()
        .oauth2(Tokens.operator())
        .header("X-Correlation-Id", correlationId)
        .contentType("application/json")
        .body(
            "{\"datasetId\":\"aapl-1d-2013\",\"candidates\":60,\"seed\":42,"
                + "\"template\":\"sma-crossover\"}")
        .post("/api/v1/cycles")
        .then()
        .statusCode(202)
        .header("Location", endsWith("/api/v1/cycles/" + cycleId))
        .header("Location", startsWith("/api/v1/"))
        .header("X-Correlation-Id", correlationId)
        .body("cycleId", equalTo(cycleId.toString()))
        .body("correlationId", equalTo(correlationId));

    RecordedRequest forwarded =
        stubs.strategy().requestsWithCorrelationId(correlationId).stream()
            .filter(r -> r.method().equals("POST"))
            .findFirst()
            .orElseThrow();
    assertThat(forwarded.path()).isEqualTo("/api/v1/cycles");
    assertThat(forwarded.header("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(forwarded.body());
    assertThat(body.path("datasetId").asText()).isEqualTo("aapl-1d-2013");
    assertThat(body.path("candidates").asInt()).isEqualTo(60);
    assertThat(body.path("seed").asLong()).isEqualTo(42);
    assertThat(body.path("template").asText()).isEqualTo("sma-crossover");
  }

  @Test
  void absentOptionalMembersStayAbsentDownstream() throws Exception {
    String correlationId = "start-defaults-" + UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "POST",
            "/api/v1/cycles",
            Answer.json(
                202,
                Canned.json(
                    "strategy/cycle-accepted.json",
                    Map.of("id", UUID.randomUUID(), "correlationId", correlationId))));

    given()
        .auth()
        .oauth2(Tokens.operator())
        .header("X-Correlation-Id", correlationId)
        .contentType("application/json")
        .body("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":5}")
        .post("/api/v1/cycles")
        .then()
        .statusCode(202);

    JsonNode body =
        JSON.readTree(stubs.strategy().requestsWithCorrelationId(correlationId).getFirst().body());
    assertThat(body.has("seed")).isFalse();
    assertThat(body.has("template")).isFalse();
  }

  @Test
  void downstreamUnprocessableProblemPassesThroughWithItsErrors() {
    String correlationId = "start-422-" + UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "POST",
            "/api/v1/cycles",
            new Answer(
                422,
                "application/problem+json",
                Canned.json("strategy/cycle-rejected.json", Map.of("correlationId", correlationId)),
                Map.of(),
                Duration.ZERO,
                false));

    given()
        .auth()
        .oauth2(Tokens.operator())
        .header("X-Correlation-Id", correlationId)
        .contentType("application/json")
        .body("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":500}")
        .post("/api/v1/cycles")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .header("X-Correlation-Id", correlationId)
        .body("status", equalTo(422))
        .body("title", equalTo("Unprocessable Content"))
        .body("detail", equalTo("candidates: 500 exceeds the 445 combinations of sma-crossover"))
        .body("instance", equalTo("/api/v1/cycles"))
        .body("correlationId", equalTo(correlationId))
        .body("errors.field", contains("candidates"))
        .body("errors.reason", contains("500 exceeds the 445 combinations of sma-crossover"));
  }

  @Test
  void malformedJsonIsRefusedAtTheGateway() {
    String correlationId = "start-malformed-" + UUID.randomUUID();
    given()
        .auth()
        .oauth2(Tokens.operator())
        .header("X-Correlation-Id", correlationId)
        .contentType("application/json")
        .body("{\"datasetId\": \"aapl-1d-2013\", \"candidates\": \"many\"}")
        .post("/api/v1/cycles")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("candidates"));
    given()
        .auth()
        .oauth2(Tokens.operator())
        .header("X-Correlation-Id", correlationId)
        .contentType("application/json")
        .post("/api/v1/cycles")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("body"));
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void listForwardsPaging() {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "list-" + cycleId;
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/cycles",
            Answer.json(
                200,
                Canned.json(
                    "strategy/cycles-page.json",
                    Map.of("id", cycleId, "correlationId", "c", "page", 2, "size", 5))));

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .queryParam("page", 2)
        .queryParam("size", 5)
        .get("/api/v1/cycles")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo(cycleId.toString()))
        .body("page", equalTo(2))
        .body("size", equalTo(5));

    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId))
        .singleElement()
        .extracting(RecordedRequest::query)
        .satisfies(q -> assertThat(q.split("&")).containsExactlyInAnyOrder("page=2", "size=5"));
  }

  @Test
  void listDefaultsToFirstPageOfTwenty() {
    String correlationId = "list-default-" + UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/cycles",
            Answer.json(
                200,
                Canned.json(
                    "strategy/cycles-page.json",
                    Map.of("id", UUID.randomUUID(), "correlationId", "c", "page", 0, "size", 20))));

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .get("/api/v1/cycles")
        .then()
        .statusCode(200);

    assertThat(
            stubs.strategy().requestsWithCorrelationId(correlationId).getFirst().query().split("&"))
        .containsExactlyInAnyOrder("page=0", "size=20");
  }

  @Test
  void pagingOutOfRangeIsBadRequestNamingTheParameter() {
    String correlationId = "paging-" + UUID.randomUUID();
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .queryParam("size", 101)
        .get("/api/v1/cycles")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("size"))
        .body("errors.reason", contains("must be less than or equal to 100"))
        .body("instance", equalTo("/api/v1/cycles"));
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .queryParam("size", 0)
        .get("/api/v1/cycles")
        .then()
        .statusCode(400)
        .body("errors.field", contains("size"));
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .queryParam("page", -1)
        .get("/api/v1/cycles")
        .then()
        .statusCode(400)
        .body("errors.field", contains("page"))
        .body("errors.reason", contains("must be greater than or equal to 0"));
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .queryParam("page", "two")
        .get("/api/v1/cycles")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("page"))
        .body("errors.reason", contains("must be an integer"));
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void malformedCycleIdIsBadRequestNamingTheParameter() {
    String correlationId = "bad-id-" + UUID.randomUUID();
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .get("/api/v1/cycles/not-a-uuid")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("id"))
        .body("errors.reason", contains("must be a UUID"))
        .body("instance", equalTo("/api/v1/cycles/not-a-uuid"));
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .get("/api/v1/cycles/42/leaderboard")
        .then()
        .statusCode(400)
        .body("errors.field", contains("id"));
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
    assertThat(stubs.scoring().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void cycleViewAddsScoredCountFromScoring() {
    UUID cycleId = UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId,
            Answer.json(
                200,
                Canned.json(
                    "strategy/cycle.json", Map.of("id", cycleId, "correlationId", "corr-view"))));
    stubs
        .scoring()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId + "/scoring",
            Answer.json(
                200, Canned.json("scoring/scoring.json", Map.of("id", cycleId, "scored", 29))));

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .get("/api/v1/cycles/" + cycleId)
        .then()
        .statusCode(200)
        .body("id", equalTo(cycleId.toString()))
        .body("status", equalTo("RUNNING"))
        .body("correlationId", equalTo("corr-view"))
        // strategy-service's counts untouched, scoring's added
        .body("counts.candidates", equalTo(60))
        .body("counts.backtested", equalTo(31))
        .body("counts.failed", equalTo(2))
        .body("counts.promoted", equalTo(0))
        .body("counts.scored", equalTo(29))
        .body("createdAt", equalTo("2024-05-01T10:00:00.123456Z"))
        .body("warnings", empty());
  }

  @Test
  void cycleViewCountsZeroScoredWhileScoringDoesNotKnowTheCycle() {
    UUID cycleId = UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId,
            Answer.json(
                200,
                Canned.json("strategy/cycle.json", Map.of("id", cycleId, "correlationId", "c"))));
    // no answer set for scoring: the stub answers 404 problem, as scoring-service does

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .get("/api/v1/cycles/" + cycleId)
        .then()
        .statusCode(200)
        .body("counts.scored", equalTo(0))
        .body("warnings", empty());
  }

  @Test
  void cycleViewWarnsWhenScoringIsUnavailable() {
    UUID cycleId = UUID.randomUUID();
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId,
            Answer.json(
                200,
                Canned.json("strategy/cycle.json", Map.of("id", cycleId, "correlationId", "c"))));
    stubs
        .scoring()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId + "/scoring",
            Answer.problem(503, "Service Unavailable", "database down"));

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .get("/api/v1/cycles/" + cycleId)
        .then()
        .statusCode(200)
        .body("id", equalTo(cycleId.toString()))
        .body("counts.backtested", equalTo(31))
        .body("counts.scored", nullValue())
        .body("warnings", contains("scoring-service unavailable"));
  }

  @Test
  void unknownCycleIsStrategyServicesNotFoundAtTheGatewayPath() {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "unknown-" + cycleId;
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId,
            Answer.problem(404, "Not Found", "cycle " + cycleId + " does not exist"));

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .get("/api/v1/cycles/" + cycleId)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("cycle " + cycleId + " does not exist"))
        .body("instance", equalTo("/api/v1/cycles/" + cycleId))
        .body("correlationId", equalTo(correlationId));
  }

  @Test
  void slowStrategyServiceIsUnavailableWellBeforeTheReadTimeout() {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "slow-" + cycleId;
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId,
            Answer.json(
                    200,
                    Canned.json("strategy/cycle.json", Map.of("id", cycleId, "correlationId", "c")))
                .after(Duration.ofSeconds(30)));

    long start = System.nanoTime();
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", correlationId)
        .get("/api/v1/cycles/" + cycleId)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("X-Correlation-Id", correlationId)
        .body("status", equalTo(503))
        .body("detail", startsWith("strategy-service is unavailable"))
        .body("instance", equalTo("/api/v1/cycles/" + cycleId))
        .body("correlationId", equalTo(correlationId));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // the guard's 5 s timeout, not the 10 s read timeout, let alone the stub's 30 s
    assertThat(took).isLessThan(Duration.ofSeconds(9));
  }
}

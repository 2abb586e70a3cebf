package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.asOperator;
import static io.backtest.gateway.GatewayRequests.asViewer;
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
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cycles through the gateway: start (operator), list, the merged view, validation, failures. */
@QuarkusTest
class CycleResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CYCLES = "/api/v1/cycles";

  @InjectStubs DownstreamStubs stubs;

  @Test
  void operatorStartsCycleForwardedWithBodyAndCorrelationId() throws Exception {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "start-" + cycleId;
    strategyAnswersStart(
        accepted(cycleId, correlationId)
            // what a JAX-RS service answers: an absolute URL on its own host
            .withHeader("Location", stubs.strategy().url() + CYCLES + "/" + cycleId));

    startCycle(
            correlationId,
            "{\"datasetId\":\"aapl-1d-2013\",\"candidates\":60,\"seed\":42,"
                + "\"template\":\"sma-crossover\"}")
        .statusCode(202)
        .header("Location", endsWith(CYCLES + "/" + cycleId))
        .header("Location", startsWith("/api/v1/"))
        .header("X-Correlation-Id", correlationId)
        .body("cycleId", equalTo(cycleId.toString()))
        .body("correlationId", equalTo(correlationId));

    RecordedRequest forwarded = forwardedStart(correlationId);
    assertThat(forwarded.path()).isEqualTo(CYCLES);
    assertThat(forwarded.header("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(forwarded.body());
    assertThat(body.path("datasetId").asText()).isEqualTo("aapl-1d-2013");
    assertThat(body.path("candidates").asInt()).isEqualTo(60);
    assertThat(body.path("seed").asLong()).isEqualTo(42);
    assertThat(body.path("template").asText()).isEqualTo("sma-crossover");
  }

  @Test
  void templatesWalkForwardCostsAndExecutionAreForwardedAsGiven() throws Exception {
    String correlationId = "start-walk-forward-" + UUID.randomUUID();
    strategyAnswersStart(accepted(UUID.randomUUID(), correlationId));

    startCycle(
            correlationId,
            """
            {"datasetId": "aapl-1d-2013", "candidates": 40, "seed": 7,
             "templates": ["sma-crossover", "macd"], "generation": "grid",
             "walkForward": {"inSampleBars": 120, "outOfSampleBars": 40, "points": 9},
             "costs": {"feeBps": 2.5},
             "execution": {"direction": "long-short", "capital": 25000}}
            """)
        .statusCode(202);

    JsonNode body = JSON.readTree(forwardedStart(correlationId).body());
    assertThat(body.path("templates").toString()).isEqualTo("[\"sma-crossover\",\"macd\"]");
    assertThat(body.path("generation").asText()).isEqualTo("grid");
    // absent members of the nested objects stay absent: strategy-service applies its defaults
    assertThat(body.path("walkForward").toString())
        .isEqualTo("{\"inSampleBars\":120,\"outOfSampleBars\":40,\"points\":9}");
    assertThat(body.path("costs").toString()).isEqualTo("{\"feeBps\":2.5}");
    assertThat(body.path("execution").toString())
        .isEqualTo("{\"direction\":\"long-short\",\"capital\":25000.0}");
    assertThat(body.has("template")).isFalse();
  }

  @Test
  void scoreWeightsAreForwardedAsGiven() throws Exception {
    String correlationId = "start-scoring-" + UUID.randomUUID();
    strategyAnswersStart(accepted(UUID.randomUUID(), correlationId));

    startCycle(
            correlationId,
            """
            {"datasetId": "aapl-1d-2013", "candidates": 40,
             "scoring": {"deflatedSharpe": 0.6, "sharpe": 0.2, "consistency": 0.1,
                         "drawdown": 0.1}}
            """)
        .statusCode(202);

    JsonNode body = JSON.readTree(forwardedStart(correlationId).body());
    assertThat(body.path("scoring"))
        .isEqualTo(
            JSON.readTree(
                "{\"deflatedSharpe\":0.6,\"sharpe\":0.2,\"consistency\":0.1,\"drawdown\":0.1}"));
  }

  @Test
  void partialScoreWeightsStayPartialForStrategyServiceToJudge() throws Exception {
    String correlationId = "start-scoring-partial-" + UUID.randomUUID();
    strategyAnswersStart(accepted(UUID.randomUUID(), correlationId));

    startCycle(
            correlationId,
            "{\"datasetId\":\"aapl-1d-2013\",\"candidates\":5,\"scoring\":{\"sharpe\":1}}")
        .statusCode(202);

    assertThat(JSON.readTree(forwardedStart(correlationId).body()).path("scoring").toString())
        .isEqualTo("{\"sharpe\":1.0}");
  }

  @Test
  void wronglyTypedScoreWeightIsABadRequestNamingIt() {
    String correlationId = "start-bad-scoring-" + UUID.randomUUID();
    startCycle(
            correlationId,
            "{\"datasetId\":\"aapl-1d-2013\",\"candidates\":5,"
                + "\"scoring\":{\"sharpe\":\"high\"}}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("scoring.sharpe"));
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void wronglyTypedNestedMemberIsABadRequestNamingIt() {
    String correlationId = "start-bad-nested-" + UUID.randomUUID();
    startCycle(
            correlationId,
            "{\"datasetId\":\"aapl-1d-2013\",\"candidates\":5,"
                + "\"walkForward\":{\"inSampleBars\":\"many\"}}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("walkForward.inSampleBars"));
  }

  @Test
  void absentOptionalMembersStayAbsentDownstream() throws Exception {
    String correlationId = "start-defaults-" + UUID.randomUUID();
    strategyAnswersStart(accepted(UUID.randomUUID(), correlationId));

    startCycle(correlationId, "{\"datasetId\":\"aapl-1d-2013\",\"candidates\":5}").statusCode(202);

    JsonNode body = JSON.readTree(forwardedStart(correlationId).body());
    assertThat(body.has("seed")).isFalse();
    assertThat(body.has("template")).isFalse();
    assertThat(body.has("templates")).isFalse();
    assertThat(body.has("walkForward")).isFalse();
    assertThat(body.has("costs")).isFalse();
    assertThat(body.has("execution")).isFalse();
    assertThat(body.has("scoring")).isFalse();
  }

  @Test
  void downstreamUnprocessableProblemPassesThroughWithItsErrors() {
    String correlationId = "start-422-" + UUID.randomUUID();
    strategyAnswersStart(
        new Answer(
            422,
            "application/problem+json",
            Canned.json("strategy/cycle-rejected.json", Map.of("correlationId", correlationId)),
            Map.of(),
            Duration.ZERO,
            false));

    startCycle(correlationId, "{\"datasetId\":\"aapl-1d-2013\",\"candidates\":500}")
        .statusCode(422)
        .contentType("application/problem+json")
        .header("X-Correlation-Id", correlationId)
        .body("status", equalTo(422))
        .body("title", equalTo("Unprocessable Content"))
        .body("detail", equalTo("candidates: 500 exceeds the 445 combinations of sma-crossover"))
        .body("instance", equalTo(CYCLES))
        .body("correlationId", equalTo(correlationId))
        .body("errors.field", contains("candidates"))
        .body("errors.reason", contains("500 exceeds the 445 combinations of sma-crossover"));
  }

  @Test
  void malformedJsonIsRefusedAtTheGateway() {
    String correlationId = "start-malformed-" + UUID.randomUUID();
    startCycle(correlationId, "{\"datasetId\": \"aapl-1d-2013\", \"candidates\": \"many\"}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("candidates"));
    asOperator(correlationId)
        .contentType("application/json")
        .post(CYCLES)
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
    strategyAnswersList(cycleId, 2, 5);

    asViewer(correlationId)
        .queryParam("page", 2)
        .queryParam("size", 5)
        .get(CYCLES)
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo(cycleId.toString()))
        .body("page", equalTo(2))
        .body("size", equalTo(5));

    assertThat(forwardedQuery(correlationId)).containsExactlyInAnyOrder("page=2", "size=5");
  }

  @Test
  void listDefaultsToFirstPageOfTwenty() {
    String correlationId = "list-default-" + UUID.randomUUID();
    strategyAnswersList(UUID.randomUUID(), 0, 20);

    asViewer(correlationId).get(CYCLES).then().statusCode(200);

    assertThat(forwardedQuery(correlationId)).containsExactlyInAnyOrder("page=0", "size=20");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "size | 101 | must be an integer between 1 and 100 but was 101",
        "size | 0   | must be an integer between 1 and 100 but was 0",
        "page | -1  | must be an integer >= 0 but was -1",
        "page | two | must be an integer >= 0 but was 'two'"
      })
  void pagingOutOfRangeIsBadRequestNamingTheParameter(
      String parameter, String value, String reason) {
    String correlationId = "paging-" + UUID.randomUUID();

    asViewer(correlationId)
        .queryParam(parameter, value)
        .get(CYCLES)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains(parameter))
        .body("errors.reason", contains(reason))
        .body("instance", equalTo(CYCLES));

    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void malformedCycleIdIsBadRequestNamingTheParameter() {
    String correlationId = "bad-id-" + UUID.randomUUID();
    asViewer(correlationId)
        .get(CYCLES + "/not-a-uuid")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("id"))
        .body("errors.reason", contains("must be a UUID but was 'not-a-uuid'"))
        .body("instance", equalTo(CYCLES + "/not-a-uuid"));
    asViewer(correlationId)
        .get(CYCLES + "/42/leaderboard")
        .then()
        .statusCode(400)
        .body("errors.field", contains("id"));
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
    assertThat(stubs.scoring().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void cycleViewAddsScoredCountFromScoring() {
    UUID cycleId = UUID.randomUUID();
    strategyAnswersCycle(cycleId, Answer.json(200, cycleJson(cycleId, "corr-view")));
    scoringAnswersProgress(
        cycleId,
        Answer.json(200, Canned.json("scoring/scoring.json", Map.of("id", cycleId, "scored", 29))));

    readCycle(cycleId)
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
        // members the gateway does not know of pass through
        .body("scoring.deflatedSharpe", equalTo(0.6f))
        .body("warnings", empty());
  }

  @Test
  void cycleViewCountsZeroScoredWhileScoringDoesNotKnowTheCycle() {
    UUID cycleId = UUID.randomUUID();
    strategyAnswersCycle(cycleId, Answer.json(200, cycleJson(cycleId, "c")));
    // no answer set for scoring: the stub answers 404 problem, as scoring-service does

    readCycle(cycleId).statusCode(200).body("counts.scored", equalTo(0)).body("warnings", empty());
  }

  @Test
  void cycleViewWarnsWhenScoringIsUnavailable() {
    UUID cycleId = UUID.randomUUID();
    strategyAnswersCycle(cycleId, Answer.json(200, cycleJson(cycleId, "c")));
    scoringAnswersProgress(cycleId, Answer.problem(503, "Service Unavailable", "database down"));

    readCycle(cycleId)
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
    strategyAnswersCycle(
        cycleId, Answer.problem(404, "Not Found", "cycle " + cycleId + " does not exist"));

    asViewer(correlationId)
        .get(CYCLES + "/" + cycleId)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("cycle " + cycleId + " does not exist"))
        .body("instance", equalTo(CYCLES + "/" + cycleId))
        .body("correlationId", equalTo(correlationId));
  }

  @Test
  void slowStrategyServiceIsUnavailableWellBeforeTheReadTimeout() {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "slow-" + cycleId;
    strategyAnswersCycle(
        cycleId, Answer.json(200, cycleJson(cycleId, "c")).after(Duration.ofSeconds(30)));

    long start = System.nanoTime();
    asViewer(correlationId)
        .get(CYCLES + "/" + cycleId)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("X-Correlation-Id", correlationId)
        .body("status", equalTo(503))
        .body("detail", startsWith("strategy-service is unavailable"))
        .body("instance", equalTo(CYCLES + "/" + cycleId))
        .body("correlationId", equalTo(correlationId));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // the guard's 5 s timeout, not the 10 s read timeout, let alone the stub's 30 s
    assertThat(took).isLessThan(Duration.ofSeconds(9));
  }

  private static ValidatableResponse startCycle(String correlationId, String body) {
    return asOperator(correlationId).contentType("application/json").body(body).post(CYCLES).then();
  }

  private static ValidatableResponse readCycle(UUID cycleId) {
    return given().auth().oauth2(Tokens.viewer()).get(CYCLES + "/" + cycleId).then();
  }

  private static Answer accepted(UUID cycleId, String correlationId) {
    return Answer.json(
        202,
        Canned.json(
            "strategy/cycle-accepted.json", Map.of("id", cycleId, "correlationId", correlationId)));
  }

  private static String cycleJson(UUID cycleId, String correlationId) {
    return Canned.json(
        "strategy/cycle.json", Map.of("id", cycleId, "correlationId", correlationId));
  }

  private void strategyAnswersStart(Answer answer) {
    stubs.strategy().answer("POST", CYCLES, answer);
  }

  private void strategyAnswersList(UUID cycleId, int page, int size) {
    stubs
        .strategy()
        .answer(
            "GET",
            CYCLES,
            Answer.json(
                200,
                Canned.json(
                    "strategy/cycles-page.json",
                    Map.of("id", cycleId, "correlationId", "c", "page", page, "size", size))));
  }

  private void strategyAnswersCycle(UUID cycleId, Answer answer) {
    stubs.strategy().answer("GET", CYCLES + "/" + cycleId, answer);
  }

  private void scoringAnswersProgress(UUID cycleId, Answer answer) {
    stubs.scoring().answer("GET", CYCLES + "/" + cycleId + "/scoring", answer);
  }

  private RecordedRequest forwardedStart(String correlationId) {
    return stubs.strategy().requestsWithCorrelationId(correlationId).stream()
        .filter(r -> r.method().equals("POST"))
        .findFirst()
        .orElseThrow();
  }

  /** The query of the one request strategy-service got under this correlation id, by parameter. */
  private String[] forwardedQuery(String correlationId) {
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).hasSize(1);
    return stubs.strategy().requestsWithCorrelationId(correlationId).getFirst().query().split("&");
  }
}

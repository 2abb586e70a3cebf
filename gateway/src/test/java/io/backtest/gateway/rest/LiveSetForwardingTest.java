package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.as;
import static io.backtest.gateway.GatewayRequests.asViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.gateway.Tokens;
import io.backtest.gateway.cache.ReadCache;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.backtest.gateway.stub.StubService.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live set through the gateway: manual promotions, demotions and rollbacks (admin only, with a
 * reason, forwarded as sent), the live set and its history (viewers), refusals as problem+json.
 */
@QuarkusTest
class LiveSetForwardingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEPLOYMENTS = "/api/v1/deployments";
  private static final String HISTORY = DEPLOYMENTS + "/history";
  private static final String ROLLBACK = DEPLOYMENTS + "/rollback";

  @InjectStubs DownstreamStubs stubs;

  @Inject ReadCache cache;

  @ParameterizedTest
  @ValueSource(strings = {"promote", "demote"})
  void adminDecisionIsForwardedWithItsReasonAndAnsweredAsIs(String decision) throws Exception {
    UUID id = UUID.randomUUID();
    String path = "/api/v1/strategies/" + id + "/" + decision;
    String correlationId = decision + "-" + id;
    String status = decision.equals("promote") ? "PROMOTED" : "DEMOTED";
    String reason = "desk review of " + id;
    String answered =
        Canned.json(
            "strategy/live-strategy.json", Map.of("id", id, "status", status, "reason", reason));
    stubs.strategy().answer("POST", path, Answer.json(200, answered));
    String token = Tokens.admin();

    String body =
        as(token, correlationId)
            .contentType("application/json")
            .body("{\"reason\": \"" + reason + "\"}")
            .post(path)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .header("X-Correlation-Id", correlationId)
            .body("action", equalTo(status))
            .extract()
            .asString();

    assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(answered));
    RecordedRequest forwarded = only(correlationId);
    assertThat(forwarded.method()).isEqualTo("POST");
    assertThat(forwarded.path()).isEqualTo(path);
    assertThat(forwarded.header("Content-Type")).startsWith("application/json");
    assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
    assertThat(JSON.readTree(forwarded.body())).isEqualTo(JSON.readTree(body(reason)));
  }

  @Test
  void adminRollbackIsForwardedWithCycleAndReason() throws Exception {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "rollback-" + cycleId;
    stubs
        .strategy()
        .answer("POST", ROLLBACK, Answer.json(200, Canned.json("strategy/rollback.json")));
    String request =
        "{\"cycleId\": \"" + cycleId + "\", \"reason\": \"the next cycle drew down 9%\"}";

    as(Tokens.admin(), correlationId)
        .contentType("application/json")
        .body(request)
        .post(ROLLBACK)
        .then()
        .statusCode(200)
        .body("cap", equalTo(35))
        .body("promoted", contains("9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d"));

    RecordedRequest forwarded = only(correlationId);
    assertThat(forwarded.path()).isEqualTo(ROLLBACK);
    assertThat(JSON.readTree(forwarded.body())).isEqualTo(JSON.readTree(request));
  }

  @ParameterizedTest
  @ValueSource(strings = {"promote", "demote", "rollback"})
  void onlyAdminsChangeTheLiveSet(String change) {
    String path = changePath(change);
    String valid = validBody(change);
    for (String user : new String[] {"viewer", "operator"}) {
      String correlationId = change + "-as-" + user + "-" + UUID.randomUUID();
      as(Tokens.of(user), correlationId)
          .contentType("application/json")
          .body(valid)
          .post(path)
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("detail", equalTo("This operation needs the role admin."))
          .body("instance", equalTo(path))
          .body("correlationId", equalTo(correlationId));
      assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
    }
    // the role is checked before the body: a viewer learns nothing about what a valid one is
    asViewer(change + "-empty-as-viewer")
        .contentType("application/json")
        .body("{}")
        .post(path)
        .then()
        .statusCode(403);
    given()
        .header("X-Correlation-Id", change + "-anonymous")
        .contentType("application/json")
        .body(valid)
        .post(path)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer");
    assertThat(stubs.strategy().requestsWithCorrelationId(change + "-anonymous")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"promote", "demote", "rollback"})
  void changeWithoutAReasonIsRefusedAtTheGateway(String change) {
    String path = changePath(change);
    String correlationId = change + "-no-reason-" + UUID.randomUUID();
    String cycle = change.equals("rollback") ? "\"cycleId\": \"" + UUID.randomUUID() + "\", " : "";
    for (String body :
        new String[] {
          "{" + cycle.replaceAll(", $", "") + "}", "{" + cycle + "\"reason\": \" \"}"
        }) {
      postAsAdmin(correlationId, path, body)
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains("reason"))
          .body("errors.reason", contains("must not be blank"))
          .body("instance", equalTo(path));
    }
    as(Tokens.admin(), correlationId)
        .contentType("application/json")
        .post(path)
        .then()
        .statusCode(400)
        .body("errors.field", contains("body"));
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void decisionOnAMalformedStrategyIdIsRefusedAtTheGateway() {
    for (String decision : new String[] {"promote", "demote"}) {
      postAsAdmin("decision-bad-id", "/api/v1/strategies/42/" + decision, body("why"))
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains("id"))
          .body("errors.reason", contains("must be a UUID but was '42'"));
    }
    assertThat(stubs.strategy().requestsWithCorrelationId("decision-bad-id")).isEmpty();
  }

  @Test
  void rollbackNeedsAWellFormedCycleId() {
    String correlationId = "rollback-bad-cycle";
    postAsAdmin(correlationId, ROLLBACK, body("why"))
        .statusCode(400)
        .body("errors.field", contains("cycleId"))
        .body("errors.reason", contains("is required"));
    postAsAdmin(correlationId, ROLLBACK, "{\"cycleId\": \"yesterday\", \"reason\": \"why\"}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("cycleId"));
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  @Test
  void refusalOfStrategyServicePassesThroughAtTheGatewayPath() {
    UUID id = UUID.randomUUID();
    String path = "/api/v1/strategies/" + id + "/promote";
    String correlationId = "promote-409-" + id;
    stubs
        .strategy()
        .answer(
            "POST",
            path,
            new Answer(
                409,
                "application/problem+json",
                """
                {"type":"about:blank","title":"Conflict","status":409,
                 "detail":"the live set is at its cap of 35: demote a strategy first",
                 "instance":"/api/v1/strategies/%s/promote","errors":[]}"""
                    .formatted(id),
                Map.of(),
                Duration.ZERO,
                false));

    postAsAdmin(correlationId, path, body("desk review"))
        .statusCode(409)
        .contentType("application/problem+json")
        .header("X-Correlation-Id", correlationId)
        .body("status", equalTo(409))
        .body("title", equalTo("Conflict"))
        .body("detail", equalTo("the live set is at its cap of 35: demote a strategy first"))
        .body("instance", equalTo(path))
        .body("correlationId", equalTo(correlationId));
  }

  @Test
  void unknownCycleOfARollbackIsStrategyServicesNotFound() {
    UUID cycleId = UUID.randomUUID();
    String correlationId = "rollback-404-" + cycleId;
    stubs
        .strategy()
        .answer(
            "POST",
            ROLLBACK,
            Answer.problem(404, "Not Found", "cycle " + cycleId + " does not exist"));

    postAsAdmin(
            correlationId, ROLLBACK, "{\"cycleId\": \"" + cycleId + "\", \"reason\": \"undo it\"}")
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("cycle " + cycleId + " does not exist"))
        .body("instance", equalTo(ROLLBACK));
  }

  @Test
  void viewerReadsTheLiveSetAsStrategyServiceAnswersIt() throws Exception {
    cache.invalidate(cache.liveSet()).await().indefinitely(); // read through, not from the cache
    String answered = Canned.json("strategy/deployments.json");
    stubs.strategy().answer("GET", DEPLOYMENTS, Answer.json(200, answered));

    String body =
        asViewer("live-set-1")
            .get(DEPLOYMENTS)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();

    assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(answered));
    RecordedRequest forwarded = only("live-set-1");
    assertThat(forwarded.method()).isEqualTo("GET");
    assertThat(forwarded.path()).isEqualTo(DEPLOYMENTS);
    assertThat(forwarded.query()).isNull();
  }

  @Test
  void historyForwardsPagingWithTheDefaults() {
    stubs
        .strategy()
        .answer(
            "GET",
            HISTORY,
            Answer.json(
                200,
                Canned.json("strategy/deployment-history.json", Map.of("page", 2, "size", 5))));

    asViewer("history-1")
        .queryParam("page", 2)
        .queryParam("size", 5)
        .get(HISTORY)
        .then()
        .statusCode(200)
        .body("items.action", contains("PROMOTED", "DEMOTED"))
        .body("items[1].cycleId", equalTo(null))
        .body("page", equalTo(2));
    asViewer("history-2").get(HISTORY).then().statusCode(200);

    assertThat(Set.of(only("history-1").query().split("&"))).isEqualTo(Set.of("page=2", "size=5"));
    assertThat(Set.of(only("history-2").query().split("&"))).isEqualTo(Set.of("page=0", "size=20"));
  }

  @Test
  void historyRefusesBadPagingBeforeForwarding() {
    asViewer("history-bad")
        .queryParam("size", 101)
        .get(HISTORY)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("size"));
    assertThat(stubs.strategy().requestsWithCorrelationId("history-bad")).isEmpty();
  }

  @Test
  void anonymousCannotReadTheLiveSet() {
    for (String path : new String[] {DEPLOYMENTS, HISTORY}) {
      given()
          .header("X-Correlation-Id", "live-set-anonymous")
          .get(path)
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
    }
    assertThat(stubs.strategy().requestsWithCorrelationId("live-set-anonymous")).isEmpty();
  }

  private static String changePath(String change) {
    return change.equals("rollback")
        ? ROLLBACK
        : "/api/v1/strategies/" + UUID.randomUUID() + "/" + change;
  }

  private static String validBody(String change) {
    return change.equals("rollback")
        ? "{\"cycleId\": \"" + UUID.randomUUID() + "\", \"reason\": \"undo it\"}"
        : body("desk review");
  }

  private static String body(String reason) {
    return "{\"reason\": \"" + reason + "\"}";
  }

  private static ValidatableResponse postAsAdmin(String correlationId, String path, String body) {
    return as(Tokens.admin(), correlationId)
        .contentType("application/json")
        .body(body)
        .post(path)
        .then();
  }

  private RecordedRequest only(String correlationId) {
    assertThat(stubs.strategy().requestsWithCorrelationId(correlationId)).hasSize(1);
    return stubs.strategy().requestsWithCorrelationId(correlationId).getFirst();
  }
}

package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bearer tokens from the real Keycloak, checked and mapped to roles, refusals as problem+json. */
@QuarkusTest
class SecurityTest {
  @InjectStubs DownstreamStubs stubs;

  @BeforeEach
  void templatesAnswer() {
    stubs.templatesAnswer();
  }

  @Test
  void withoutTokenIsUnauthorizedProblemWithBearerChallenge() {
    given()
        .header("X-Correlation-Id", "no-token-1")
        .get("/api/v1/cycles")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .header("X-Correlation-Id", "no-token-1")
        .body("status", equalTo(401))
        .body("title", equalTo("Unauthorized"))
        .body("detail", notNullValue())
        .body("instance", equalTo("/api/v1/cycles"))
        .body("correlationId", equalTo("no-token-1"));
    assertThat(stubs.strategy().requestsWithCorrelationId("no-token-1")).isEmpty();
  }

  @Test
  void crossOriginCallsAreRefusedWhileNoOriginIsConfigured() {
    given()
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "GET")
        .options("/api/v1/templates")
        .then()
        .statusCode(403);
    var get =
        given()
            .header("Origin", "https://app.example.com")
            .auth()
            .oauth2(Tokens.viewer())
            .get("/api/v1/templates");
    assertThat(get.statusCode()).isEqualTo(403);
    assertThat(get.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void tamperedSignatureIsUnauthorizedProblem() {
    String tampered = Tokens.tampered(Tokens.viewer());

    given()
        .auth()
        .oauth2(tampered)
        .header("X-Correlation-Id", "tampered-1")
        .get("/api/v1/cycles")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        .header("X-Correlation-Id", "tampered-1")
        .body("status", equalTo(401))
        .body("instance", equalTo("/api/v1/cycles"))
        .body("correlationId", equalTo("tampered-1"));
    assertThat(stubs.strategy().requestsWithCorrelationId("tampered-1")).isEmpty();
  }

  @Test
  void tokenThatIsNotAJwtIsUnauthorizedProblem() {
    given()
        .auth()
        .oauth2("not-a-token")
        .get("/api/v1/templates")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        .body("status", equalTo(401));
  }

  @Test
  void viewerCannotStartCycle() {
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .header("X-Correlation-Id", "viewer-post-1")
        .contentType("application/json")
        .body("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":10}")
        .post("/api/v1/cycles")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403))
        .body("title", equalTo("Forbidden"))
        .body("detail", equalTo("This operation needs the role operator."))
        .body("instance", equalTo("/api/v1/cycles"))
        .body("correlationId", equalTo("viewer-post-1"));
    assertThat(stubs.strategy().requestsWithCorrelationId("viewer-post-1")).isEmpty();
  }

  @Test
  void onlyAdminVerifiesTheAuditLog() {
    stubs
        .audit()
        .answer("GET", "/api/v1/audit/verify", Answer.json(200, Canned.json("audit/verify.json")));

    given()
        .auth()
        .oauth2(Tokens.operator())
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(403)
        .body("detail", equalTo("This operation needs the role admin."));
    given()
        .auth()
        .oauth2(Tokens.admin())
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("treeSize", equalTo(1342));
  }

  @Test
  void adminCarriesTheLowerRoles() {
    given()
        .auth()
        .oauth2(Tokens.admin())
        .get("/api/v1/templates")
        .then()
        .statusCode(200)
        .body("items[0].gridSize", equalTo(445));
  }

  @Test
  void downstreamCallsCarryTheCallersToken() {
    String token = Tokens.viewer();
    given()
        .auth()
        .oauth2(token)
        .header("X-Correlation-Id", "propagate-token-1")
        .get("/api/v1/templates")
        .then()
        .statusCode(200);

    assertThat(stubs.strategy().requestsWithCorrelationId("propagate-token-1"))
        .singleElement()
        .extracting(r -> r.header("Authorization"))
        .isEqualTo("Bearer " + token);
  }
}

package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.rest.ApiDocument.Operation;
import io.backtest.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation the OpenAPI document lists, against every kind of caller: a token whose signature
 * was tampered with (401), a token the realm signed that has expired (401), and each role (allowed
 * from the operation's lowest role up, 403 below). The operations come from the running
 * application's document, so a new endpoint is walked as soon as it exists, and fails here until
 * {@link ApiDocument#LOWEST_ROLE} says who may call it.
 *
 * <p>An application of its own ({@link FrontendOrigin}): its downstream stubs answer 404 to
 * everything and no other test has touched its circuit breakers, so that what is checked is the
 * guard alone (an allowed call reaches the stub; whatever it answers, it is not 401 or 403).
 */
@QuarkusTest
@TestProfile(FrontendOrigin.class)
class RoleMatrixTest {
  private static List<Operation> operations;

  /** Reads the document once, from the running application (not before it listens). */
  @BeforeEach
  void readDocument() {
    if (operations == null) {
      operations = ApiDocument.read().operations();
    }
  }

  private static Response call(Operation op, String token, String correlationId) {
    return op.send(
        given().auth().oauth2(token).header("X-Correlation-Id", correlationId), op.concretePath());
  }

  @Test
  void everyOperationOfTheDocumentHasItsLowestRoleDeclared() {
    assertThat(operations).isNotEmpty();
    for (Operation op : operations) {
      assertThat(ApiDocument.LOWEST_ROLE)
          .as("%s is in the API but not in ApiDocument.LOWEST_ROLE", op)
          .containsKey(op.toString());
    }
  }

  @Test
  void eachRoleIsAllowedFromTheOperationsLowestRoleUpAndRefusedBelow() {
    List<String> checked = new ArrayList<>();
    for (Operation op : operations) {
      String lowest = ApiDocument.LOWEST_ROLE.get(op.toString());
      assertThat(lowest).as("%s declares its lowest role", op).isNotNull();
      int needed = ApiDocument.ROLES.indexOf(lowest);
      for (int rank = 0; rank < ApiDocument.ROLES.size(); rank++) {
        String role = ApiDocument.ROLES.get(rank);
        String correlationId = "matrix-" + role + "-" + checked.size();
        Response response = call(op, Tokens.of(role), correlationId);
        if (rank >= needed) {
          assertThat(response.statusCode())
              .as("%s as %s (allowed from %s): %s", op, role, lowest, response.asString())
              .isNotIn(401, 403);
        } else {
          response
              .then()
              .statusCode(403)
              .contentType("application/problem+json")
              .body("status", equalTo(403))
              .body("correlationId", equalTo(correlationId));
        }
        checked.add(op + " as " + role);
      }
    }
    assertThat(checked).hasSize(operations.size() * ApiDocument.ROLES.size());
  }

  @Test
  void everyOperationRefusesATamperedToken() {
    refusedEverywhere(Tokens.tampered(Tokens.admin()), "tampered");
  }

  /**
   * An admin's token from the realm's short-lived client: accepted while it lives (so what is
   * refused afterwards is its age, not its signature, issuer or audience), then refused by every
   * operation once its expiry and the gateway's grace for clock skew ({@code
   * quarkus.oidc.token.lifespan-grace}) have passed.
   */
  @Test
  void everyOperationRefusesAnExpiredToken() throws InterruptedException {
    String token = Tokens.shortLived("admin");
    Operation first = operations.getFirst();
    assertThat(call(first, token, "fresh").statusCode())
        .as("%s with the token while it lives", first)
        .isNotIn(401, 403);

    Instant refusedFrom =
        TestTokens.expiry(token)
            .plusSeconds(
                ConfigProvider.getConfig()
                    .getValue("quarkus.oidc.token.lifespan-grace", Integer.class))
            .plusSeconds(1);
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), refusedFrom).toMillis()));

    refusedEverywhere(token, "expired");
  }

  private static void refusedEverywhere(String token, String kind) {
    for (Operation op : operations) {
      call(op, token, kind + "-" + op.method())
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          // RFC 6750: the challenge names the error
          .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
          .body("status", equalTo(401));
    }
  }
}

package io.backtest.systemtests.stack;

import static io.backtest.systemtests.stack.StackUnderTest.anonymous;
import static io.backtest.systemtests.stack.StackUnderTest.as;
import static io.backtest.systemtests.stack.StackUnderTest.bearer;
import static io.backtest.systemtests.stack.StackUnderTest.problem;
import static io.backtest.systemtests.stack.StackUnderTest.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting a cycle needs a valid token with the operator role; refusals are problem+json. */
class SecurityIT {
  private static final Map<String, Object> CYCLE =
      Map.of("datasetId", "aapl-1d-2013", "candidates", 60, "seed", 42);
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void stackIsUp() {
    StackUnderTest.requireRunningStack();
  }

  @Test
  void startingACycleWithoutATokenIsUnauthorized() {
    problem(startCycle(anonymous()), 401);
  }

  @Test
  void aViewerMayNotStartACycle() {
    problem(startCycle(as("viewer")), 403);
  }

  @Test
  void aViewerMayReadWhatOnlyAnOperatorMayChange() {
    // The 403 above is the role check, not a viewer token the gateway rejects altogether.
    Response response = as("viewer").queryParam("size", 1).get("/api/v1/strategies");

    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
  }

  @Test
  void aViewerTokenWhosePayloadWasGivenTheOperatorRoleIsRejected() {
    String[] parts = token("viewer").split("\\.");
    ObjectNode claims = (ObjectNode) readJson(parts[1]);
    ObjectNode realmAccess =
        claims.has("realm_access")
            ? (ObjectNode) claims.get("realm_access")
            : claims.putObject("realm_access");
    realmAccess.putArray("roles").add("viewer").add("operator").add("admin");
    String tampered = parts[0] + "." + writeJson(claims) + "." + parts[2];

    problem(startCycle(bearer(tampered)), 401);
  }

  @Test
  void anUnsignedTokenIsRejected() {
    // RFC 7518 section 3.6 "none": a verifier that honours the header accepts any claims.
    String[] parts = token("operator").split("\\.");
    ObjectNode header = JSON.createObjectNode().put("alg", "none").put("typ", "JWT");
    String unsigned = writeJson(header) + "." + parts[1] + ".";

    problem(startCycle(bearer(unsigned)), 401);
  }

  private static Response startCycle(RequestSpecification request) {
    return request.contentType("application/json").body(CYCLE).post("/api/v1/cycles");
  }

  private static JsonNode readJson(String base64url) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(base64url));
    } catch (IOException e) {
      throw new AssertionError("not a JWT part: " + base64url, e);
    }
  }

  private static String writeJson(Object node) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

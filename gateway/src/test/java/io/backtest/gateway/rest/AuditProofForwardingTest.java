package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.asViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The transparency log through the gateway: signed tree heads, public keys, RFC 9162 proofs and the
 * streamed export for viewers, forwarded to audit-service with their sizes checked first.
 */
@QuarkusTest
class AuditProofForwardingTest {
  @InjectStubs DownstreamStubs stubs;

  @Test
  void treeHeadAndPublicKeysAreReadFromAuditService() {
    String correlationId = "tree-head-" + UUID.randomUUID();
    stubs.audit().answer("GET", "/api/v1/audit/tree-head", Answer.json(200, ApiExamples.TREE_HEAD));
    stubs
        .audit()
        .answer("GET", "/api/v1/audit/public-keys", Answer.json(200, ApiExamples.PUBLIC_KEYS));

    asViewer(correlationId)
        .get("/api/v1/audit/tree-head")
        .then()
        .statusCode(200)
        .body("treeSize", equalTo(120000))
        .body("keyId", equalTo("3f9a1c0b7e52d4a8"));
    asViewer(correlationId)
        .get("/api/v1/audit/public-keys")
        .then()
        .statusCode(200)
        .body("algorithm", equalTo("Ed25519"))
        .body("currentKeyId", equalTo("3f9a1c0b7e52d4a8"));
    assertThat(stubs.audit().requestsWithCorrelationId(correlationId)).hasSize(2);
  }

  @Test
  void proofsForwardTheirSizes() {
    String correlationId = "proofs-" + UUID.randomUUID();
    stubs
        .audit()
        .answer(
            "GET", "/api/v1/audit/proofs/inclusion", Answer.json(200, ApiExamples.INCLUSION_PROOF));
    stubs
        .audit()
        .answer(
            "GET",
            "/api/v1/audit/proofs/consistency",
            Answer.json(200, ApiExamples.CONSISTENCY_PROOF));

    asViewer(correlationId)
        .queryParam("seq", 42)
        .queryParam("treeSize", 120000)
        .get("/api/v1/audit/proofs/inclusion")
        .then()
        .statusCode(200)
        .body("leafIndex", equalTo(41));
    asViewer(correlationId)
        .queryParam("first", 1000)
        .get("/api/v1/audit/proofs/consistency")
        .then()
        .statusCode(200)
        .body("first", equalTo(1000));

    var forwarded = stubs.audit().requestsWithCorrelationId(correlationId);
    assertThat(forwarded).hasSize(2);
    assertThat(forwarded.get(0).queryParameters())
        .isEqualTo(Map.of("seq", "42", "treeSize", "120000"));
    assertThat(forwarded.get(1).queryParameters()).isEqualTo(Map.of("first", "1000"));
  }

  @Test
  void malformedProofRequestsAreRefusedAtTheGateway() {
    String correlationId = "proofs-bad-" + UUID.randomUUID();
    for (Object[] bad :
        new Object[][] {
          {"/api/v1/audit/proofs/inclusion", Map.of(), "seq"},
          {"/api/v1/audit/proofs/inclusion", Map.of("seq", "0"), "seq"},
          {"/api/v1/audit/proofs/inclusion", Map.of("seq", "x"), "seq"},
          {"/api/v1/audit/proofs/inclusion", Map.of("seq", "5", "treeSize", "4"), "seq"},
          {"/api/v1/audit/proofs/inclusion", Map.of("seq", "5", "treeSize", "-1"), "treeSize"},
          {"/api/v1/audit/proofs/consistency", Map.of(), "first"},
          {"/api/v1/audit/proofs/consistency", Map.of("first", "9", "second", "3"), "first"},
          {"/api/v1/audit/proofs/consistency", Map.of("first", "1", "second", "two"), "second"},
        }) {
      @SuppressWarnings("unchecked")
      Map<String, String> query = (Map<String, String>) bad[1];
      asViewer(correlationId)
          .queryParams(query)
          .get((String) bad[0])
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains(bad[2]));
    }
    assertThat(stubs.audit().requestsWithCorrelationId(correlationId)).isEmpty();
  }

  /** An export as audit-service streams it: many lines, some long. */
  private static String exportLines(int entries) {
    StringBuilder body =
        new StringBuilder(ApiExamples.AUDIT_EXPORT.lines().findFirst().orElseThrow());
    body.append('\n');
    for (int seq = 1; seq <= entries; seq++) {
      body.append("{\"kind\":\"entry\",\"entry\":{\"seq\":")
          .append(seq)
          .append(",\"summary\":\"")
          .append("x".repeat(seq % 500 == 0 ? 70_000 : 40))
          .append("\"}}\n");
    }
    return body.append("{\"kind\":\"end\",\"entries\":").append(entries).append("}\n").toString();
  }

  @Test
  void exportStreamsThroughLineForLineWithItsRange() {
    String correlationId = "export-" + UUID.randomUUID();
    String body = exportLines(3_000);
    stubs
        .audit()
        .answer(
            "GET",
            "/api/v1/audit/export",
            new Answer(200, "application/x-ndjson", body, Map.of(), Duration.ZERO, false));

    Response response =
        asViewer(correlationId)
            .queryParam("fromSeq", 2)
            .queryParam("toSeq", 3001)
            .get("/api/v1/audit/export");

    response.then().statusCode(200).contentType("application/x-ndjson");
    // passed on as it arrives, never held whole
    assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(response.asString()).isEqualTo(body);
    var forwarded = stubs.audit().onlyRequestWithCorrelationId(correlationId);
    assertThat(forwarded.queryParameters()).isEqualTo(Map.of("fromSeq", "2", "toSeq", "3001"));
    assertThat(forwarded.header("Authorization")).startsWith("Bearer ");
    assertThat(forwarded.header("Accept")).contains("application/x-ndjson");
  }

  @Test
  void exportRefusedByAuditServiceIsPassedOnAsItsProblem() {
    String correlationId = "export-refused-" + UUID.randomUUID();
    stubs
        .audit()
        .answer(
            "GET",
            "/api/v1/audit/export",
            new Answer(
                400,
                "application/problem+json",
                """
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"toSeq is beyond the log","errors":[{"field":"toSeq","message":"must be <= 12, the entries in the log, but was 99"}]}""",
                Map.of(),
                Duration.ZERO,
                false));

    asViewer(correlationId)
        .queryParam("toSeq", 99)
        .get("/api/v1/audit/export")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("toSeq"));
  }

  @Test
  void malformedExportRequestsAreRefusedAtTheGatewayAndAnonymousOnesUnauthorized() {
    String correlationId = "export-bad-" + UUID.randomUUID();
    for (Object[] bad :
        new Object[][] {
          {Map.of("fromSeq", "0"), "fromSeq"},
          {Map.of("fromSeq", "first"), "fromSeq"},
          {Map.of("toSeq", "-1"), "toSeq"},
          {Map.of("fromSeq", "9", "toSeq", "3"), "fromSeq"},
        }) {
      @SuppressWarnings("unchecked")
      Map<String, String> query = (Map<String, String>) bad[0];
      asViewer(correlationId)
          .queryParams(query)
          .get("/api/v1/audit/export")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains(bad[1]));
    }
    given()
        .header("X-Correlation-Id", correlationId)
        .get("/api/v1/audit/export")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    assertThat(stubs.audit().requestsWithCorrelationId(correlationId)).isEmpty();
  }
}

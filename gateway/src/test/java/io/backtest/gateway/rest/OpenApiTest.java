package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document describes the whole API, and every operation in it is guarded. */
@QuarkusTest
class OpenApiTest {
  private static final List<String> EXPECTED =
      List.of(
          "GET /api/v1/audit/entries",
          "GET /api/v1/audit/entries/{seq}",
          "GET /api/v1/audit/verify",
          "GET /api/v1/cycles",
          "GET /api/v1/cycles/{id}",
          "GET /api/v1/cycles/{id}/leaderboard",
          "GET /api/v1/datasets",
          "GET /api/v1/datasets/{id}",
          "GET /api/v1/market/windows",
          "GET /api/v1/monitoring/strategies",
          "GET /api/v1/strategies",
          "GET /api/v1/strategies/{id}",
          "GET /api/v1/strategies/{id}/scorecard",
          "GET /api/v1/templates",
          "POST /api/v1/cycles");

  private static JsonNode document;
  private static final List<Operation> operations = new ArrayList<>();

  record Operation(String method, String path, JsonNode spec) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Reads the document once, from the running application (not before it listens). */
  @BeforeEach
  void readDocument() throws Exception {
    if (document != null) {
      return;
    }
    document =
        new ObjectMapper()
            .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    operations.clear();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
      }
    }
  }

  @Test
  void documentListsEveryOperationOfTheApi() {
    assertThat(operations)
        .extracting(Operation::toString)
        .containsExactlyInAnyOrderElementsOf(EXPECTED);
  }

  @Test
  void everyOperationRequiresTheBearerScheme() {
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    for (Operation op : operations) {
      JsonNode security = op.spec().path("security");
      assertThat(security.isArray() && !security.isEmpty())
          .as("%s has a security requirement", op)
          .isTrue();
      assertThat(security.get(0).has("bearer")).as("%s requires bearer", op).isTrue();
    }
  }

  @Test
  void everyOperationIsDocumented() {
    for (Operation op : operations) {
      assertThat(op.spec().path("summary").asText()).as("%s summary", op).isNotBlank();
      JsonNode responses = op.spec().path("responses");
      assertThat(responses.has("401")).as("%s documents 401", op).isTrue();
      assertThat(responses.has("403")).as("%s documents 403", op).isTrue();
      assertThat(responses.has("503")).as("%s documents 503", op).isTrue();
      String success = responses.has("202") ? "202" : "200";
      assertThat(responses.path(success).path("content").findValue("examples"))
          .as("%s has an example answer", op)
          .isNotNull();
    }
  }

  @Test
  void everyOperationAnswersUnauthorizedWithoutToken() {
    TreeSet<String> walked = new TreeSet<>();
    for (Operation op : operations) {
      String path = op.path().replace("{id}", UUID.randomUUID().toString()).replace("{seq}", "1");
      var request = given().header("X-Correlation-Id", "walk-" + walked.size());
      if (op.method().equals("POST")) {
        request = request.contentType("application/json").body("{}");
      }
      request
          .request(op.method(), path)
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .header("WWW-Authenticate", "Bearer")
          .body("status", equalTo(401))
          .body("instance", equalTo(path));
      walked.add(op.toString());
    }
    assertThat(walked).hasSize(EXPECTED.size());
  }
}

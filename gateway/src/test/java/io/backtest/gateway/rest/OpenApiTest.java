package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.gateway.rest.ApiDocument.Operation;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document describes the whole API, and every operation in it is guarded. */
@QuarkusTest
class OpenApiTest {
  private static final List<String> EXPECTED = List.copyOf(ApiDocument.LOWEST_ROLE.keySet());

  private static final String PROBLEM = "application/problem+json";
  private static final String ESCAPED_PROBLEM = "application~1problem+json";
  private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

  private static JsonNode document;
  private static final List<Operation> operations = new ArrayList<>();

  /** Reads the document once, from the running application (not before it listens). */
  @BeforeEach
  void readDocument() throws Exception {
    if (document != null) {
      return;
    }
    ApiDocument.Document read = ApiDocument.read();
    document = read.json();
    operations.clear();
    operations.addAll(read.operations());
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
      assertThat(responses.has("429")).as("%s documents 429", op).isTrue();
      assertThat(responses.has("503")).as("%s documents 503", op).isTrue();
      String success = responses.has("202") ? "202" : responses.has("201") ? "201" : "200";
      assertThat(responses.path(success).path("content").findValue("examples"))
          .as("%s has an example answer", op)
          .isNotNull();
    }
  }

  /** ProblemResponsesFilter's work: the same four answers on every operation, once written. */
  @Test
  void everyOperationSharesTheProblemAnswersWithTheirExamples() {
    Map<String, String> examples =
        Map.of(
            "401", "unauthorized",
            "403", "forbidden",
            "429", "too-many-requests",
            "503", "unavailable");
    for (Operation op : operations) {
      examples.forEach(
          (status, example) -> {
            JsonNode problem =
                op.spec().path("responses").path(status).path("content").path(PROBLEM);
            assertThat(problem.path("schema").path("$ref").asText())
                .as("%s %s schema", op, status)
                .isEqualTo(PROBLEM_SCHEMA);
            assertThat(problem.at("/examples/" + example + "/value/status").asText())
                .as("%s %s example", op, status)
                .isEqualTo(status);
          });
    }
    assertThat(operation("GET /api/v1/audit/verify").at("/responses/403/description").asText())
        .isEqualTo("The token lacks the role the operation needs");
  }

  @Test
  void everyListDocumentsBadPagingAndItsSort() {
    for (String list :
        List.of(
            "GET /api/v1/audit/entries",
            "GET /api/v1/cycles",
            "GET /api/v1/datasets",
            "GET /api/v1/deployments/history",
            "GET /api/v1/market/replay",
            "GET /api/v1/market/windows",
            "GET /api/v1/monitoring/alerts",
            "GET /api/v1/monitoring/strategies",
            "GET /api/v1/regimes/history",
            "GET /api/v1/strategies")) {
      JsonNode badRequest = operation(list).at("/responses/400/content/" + ESCAPED_PROBLEM);
      assertThat(badRequest.at("/examples/size/value/errors/0/field").asText())
          .as("%s bad paging example", list)
          .isEqualTo("size");
      // every list sorts, each documenting its own fields and default order
      assertThat(badRequest.at("/examples/sort/value/errors/0/field").asText())
          .as("%s bad sort example", list)
          .isEqualTo("sort");
      assertThat(operation(list).at("/responses/400/description").asText())
          .as("%s bad sort answer", list)
          .contains("sort");
      JsonNode sort = parameter(list, "sort");
      assertThat(sort.path("in").asText()).as("%s sort", list).isEqualTo("query");
      assertThat(sort.path("description").asText())
          .as("%s sort fields", list)
          .contains(". Default ")
          .contains("a leading - descending")
          .contains("400 problem naming sort");
      assertThat(sort.path("example").asText()).as("%s sort example", list).isNotBlank();
    }
    assertThat(parameter("GET /api/v1/strategies", "sort").path("description").asText())
        .startsWith("createdAt, score, rank, status or promotedAt")
        .contains("Default -createdAt,rank.");
    // its own 400 says what else it checks
    assertThat(operation("GET /api/v1/strategies").at("/responses/400/description").asText())
        .startsWith("cycleId is not a UUID");
    // not a list: no paging answer
    assertThat(operation("GET /api/v1/templates").path("responses").has("400")).isFalse();
  }

  @Test
  void everyProblemAnswerHasTheProblemSchema() {
    assertThat(document.at("/components/schemas/Problem/properties").properties())
        .extracting(Map.Entry::getKey)
        .contains("type", "title", "status", "detail", "instance", "correlationId", "errors");
    for (Operation op : operations) {
      for (Map.Entry<String, JsonNode> response : op.spec().path("responses").properties()) {
        JsonNode problem = response.getValue().path("content").path(PROBLEM);
        if (!problem.isMissingNode()) {
          assertThat(problem.path("schema").path("$ref").asText())
              .as("%s %s schema", op, response.getKey())
              .isEqualTo(PROBLEM_SCHEMA);
        }
      }
    }
  }

  @Test
  void operationsKeepTheirOwnAnswers() {
    JsonNode start = operation("POST /api/v1/cycles").path("responses");
    assertThat(
            start.at("/422/content/" + ESCAPED_PROBLEM + "/examples/too many/value/status").asInt())
        .isEqualTo(422);
    assertThat(start.at("/202/headers/Location").isMissingNode()).isFalse();
    JsonNode cycle = operation("GET /api/v1/cycles/{id}").path("responses");
    assertThat(
            cycle
                .at("/400/content/" + ESCAPED_PROBLEM + "/examples/id/value/errors/0/field")
                .asText())
        .isEqualTo("id");
    assertThat(cycle.has("404")).isTrue();
    JsonNode leaderboard = operation("GET /api/v1/cycles/{id}/leaderboard");
    assertThat(leaderboard.path("description").asText()).contains("COMPLETED");
    assertThat(
            leaderboard
                .at("/responses/200/content/application~1json/examples/completed/value/status")
                .asText())
        .isEqualTo("COMPLETED");
  }

  @Test
  void liveSetChangesDocumentTheirBodiesRefusalsAndAdminRole() {
    for (String change :
        List.of(
            "POST /api/v1/strategies/{id}/promote",
            "POST /api/v1/strategies/{id}/demote",
            "POST /api/v1/deployments/rollback")) {
      JsonNode op = operation(change);
      assertThat(op.path("description").asText()).as("%s role", change).endsWith("Role: admin.");
      JsonNode body = op.at("/requestBody/content/application~1json");
      assertThat(body.at("/schema/$ref").asText())
          .as("%s body schema", change)
          .endsWith(change.endsWith("rollback") ? "/RollbackRequest" : "/DecisionRequest");
      assertThat(body.findValue("examples")).as("%s body example", change).isNotNull();
      assertThat(op.at("/responses/409/content/" + ESCAPED_PROBLEM + "/examples"))
          .as("%s conflict example", change)
          .isNotEmpty();
    }
    assertThat(document.at("/components/schemas/RollbackRequest/required").toString())
        .isEqualTo("[\"cycleId\",\"reason\"]");
    assertThat(document.at("/components/schemas/DecisionRequest/required").toString())
        .isEqualTo("[\"reason\"]");
    assertThat(document.at("/components/schemas/Scoring/properties").properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("deflatedSharpe", "sharpe", "consistency", "drawdown");
    assertThat(
            document.at("/components/schemas/StartCycleRequest/properties/scoring/$ref").asText())
        .endsWith("/Scoring");
  }

  @Test
  void templatesAndBacktestsAreDocumentedInStrategyServicesShapes() {
    String listing =
        operation("GET /api/v1/templates")
            .at("/responses/200/content/application~1json/schema/$ref")
            .asText();
    assertThat(listing).endsWith("/Listing");
    JsonNode parameter = document.at("/components/schemas/Parameter/properties");
    assertThat(parameter.properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("name", "type", "min", "max", "step", "optional");
    assertThat(parameter.at("/type/enum").toString()).isEqualTo("[\"int\",\"decimal\"]");
    assertThat(document.at("/components/schemas/TemplateView/properties/gridSize").isMissingNode())
        .isFalse();

    JsonNode backtest = operation("POST /api/v1/backtests").path("responses");
    assertThat(
            backtest
                .at(
                    "/422/content/"
                        + ESCAPED_PROBLEM
                        + "/examples/off the grid/value/errors/0/field")
                .asText())
        .isEqualTo("params.slow");
    assertThat(backtest.at("/200/content/application~1json/examples/sma-crossover/value/metrics"))
        .isNotEmpty();
    assertThat(backtest.has("403")).isTrue();
  }

  @Test
  void pagingAndIdParametersAreDocumentedWithTheirTypes() {
    JsonNode parameters = operation("GET /api/v1/cycles/{id}/leaderboard").path("parameters");
    Map<String, JsonNode> byName = new HashMap<>();
    parameters.forEach(p -> byName.put(p.path("name").asText(), p));
    assertThat(byName).containsOnlyKeys("id", "page", "size");
    assertThat(byName.get("id").at("/schema/format").asText()).isEqualTo("uuid");
    assertThat(byName.get("page").at("/schema/type").asText()).isEqualTo("integer");
    assertThat(byName.get("page").at("/schema/minimum").asInt()).isZero();
    assertThat(byName.get("size").at("/schema/maximum").asInt()).isEqualTo(100);
    assertThat(byName.get("size").at("/schema/default").asInt()).isEqualTo(20);
  }

  @Test
  void everyOperationAnswersUnauthorizedWithoutToken() {
    TreeSet<String> walked = new TreeSet<>();
    for (Operation op : operations) {
      String path = op.concretePath();
      var request = given().header("X-Correlation-Id", "walk-" + walked.size());
      op.send(request, path)
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

  private static JsonNode parameter(String operation, String name) {
    for (JsonNode p : operation(operation).path("parameters")) {
      if (p.path("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError(operation + " has no parameter " + name);
  }

  private static JsonNode operation(String name) {
    return operations.stream()
        .filter(op -> op.toString().equals(name))
        .findFirst()
        .orElseThrow()
        .spec();
  }
}

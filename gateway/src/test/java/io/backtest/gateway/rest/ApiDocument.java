package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The API as the published OpenAPI document lists it, and the lowest role each operation needs: the
 * one list the tests walk, so that an operation added to the gateway without an entry here fails
 * them (and gets its guard checked once it has one).
 */
final class ApiDocument {
  private ApiDocument() {}

  /** Every operation of the public API and the lowest role that may call it. */
  static final Map<String, String> LOWEST_ROLE = lowestRoles();

  private static Map<String, String> lowestRoles() {
    Map<String, String> roles = new TreeMap<>();
    for (String op :
        List.of(
            "GET /api/v1/audit/entries",
            "GET /api/v1/audit/entries/{seq}",
            "GET /api/v1/audit/export",
            "GET /api/v1/audit/proofs/consistency",
            "GET /api/v1/audit/proofs/inclusion",
            "GET /api/v1/audit/public-keys",
            "GET /api/v1/audit/tree-head",
            "GET /api/v1/cycles",
            "GET /api/v1/cycles/{id}",
            "GET /api/v1/cycles/{id}/events",
            "GET /api/v1/cycles/{id}/leaderboard",
            "GET /api/v1/datasets",
            "GET /api/v1/datasets/{id}",
            "GET /api/v1/datasets/{id}/regimes",
            "GET /api/v1/deployments",
            "GET /api/v1/deployments/history",
            "GET /api/v1/market/replay",
            "GET /api/v1/market/replay/{id}",
            "GET /api/v1/market/windows",
            "GET /api/v1/monitoring/alerts",
            "GET /api/v1/monitoring/strategies",
            "GET /api/v1/monitoring/strategies/{id}",
            "GET /api/v1/regimes/current",
            "GET /api/v1/regimes/history",
            "GET /api/v1/strategies",
            "GET /api/v1/strategies/{id}",
            "GET /api/v1/strategies/{id}/scorecard",
            "GET /api/v1/templates")) {
      roles.put(op, Roles.VIEWER);
    }
    for (String op :
        List.of(
            "POST /api/v1/backtests",
            "POST /api/v1/cycles",
            "POST /api/v1/datasets",
            "POST /api/v1/datasets/synthetic",
            "POST /api/v1/market/replay",
            "POST /api/v1/market/replay/{id}/stop")) {
      roles.put(op, Roles.OPERATOR);
    }
    for (String op :
        List.of(
            "GET /api/v1/audit/verify",
            "POST /api/v1/deployments/rollback",
            "POST /api/v1/strategies/{id}/demote",
            "POST /api/v1/strategies/{id}/promote")) {
      roles.put(op, Roles.ADMIN);
    }
    return roles;
  }

  /** The roles from the lowest: each user holds every role up to theirs. */
  static final List<String> ROLES = List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);

  /** One operation of the document. */
  record Operation(String method, String path, JsonNode spec) {
    @Override
    public String toString() {
      return method + " " + path;
    }

    /** The path with its parameters filled in (a random id, seq 1). */
    String concretePath() {
      return path.replace("{id}", UUID.randomUUID().toString()).replace("{seq}", "1");
    }

    /**
     * Sends the operation with {@code request}: a POST gets a body of the first media type it
     * documents (JSON {@code {}}, or a line of CSV for uploads).
     */
    Response send(RequestSpecification request, String concretePath) {
      if (method.equals("POST")) {
        Iterator<String> media = spec.path("requestBody").path("content").fieldNames();
        String type = media.hasNext() ? media.next() : "application/json";
        request = request.contentType(type).body(type.contains("json") ? "{}" : "a,b\n");
      }
      return request.request(method, concretePath);
    }
  }

  /** The document the running application publishes, and its operations. */
  record Document(JsonNode json, List<Operation> operations) {}

  /** Reads {@code /q/openapi} from the running application. */
  static Document read() {
    JsonNode json;
    try {
      json =
          new ObjectMapper()
              .readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : json.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
      }
    }
    return new Document(json, List.copyOf(operations));
  }
}

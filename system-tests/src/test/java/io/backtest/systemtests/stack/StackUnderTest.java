package io.backtest.systemtests.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.contracts.http.Problem;
import io.backtest.support.testing.LocalInfrastructure;
import io.backtest.support.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * The running stack the system tests drive, as a user does: through the gateway with Keycloak
 * tokens. Where it is comes from the environment {@code ./stack test} sets; the defaults are the
 * normal local stack ({@code ./stack up}) and docker-compose.yml.
 */
final class StackUnderTest {
  static final String GATEWAY_URL = LocalInfrastructure.env("GATEWAY_URL", "http://127.0.0.1:8080");
  static final String KEYCLOAK_URL =
      LocalInfrastructure.env("KEYCLOAK_URL", "http://127.0.0.1:8180");
  static final String KAFKA_BOOTSTRAP_SERVERS =
      LocalInfrastructure.env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

  /** Empty for the normal stack; {@code t<hex>.} for an isolated ./stack test instance. */
  static final String TOPIC_PREFIX = LocalInfrastructure.env("BACKTEST_TOPIC_PREFIX", "");

  static final String CORRELATION_HEADER = "X-Correlation-Id";

  /** Tokens live 300 s (the realm's accessTokenLifespan); a cycle's polling outlasts one. */
  private static final Duration TOKEN_REUSE = Duration.ofSeconds(200);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

  private record Token(String value, Instant fetched) {}

  private StackUnderTest() {}

  /** Fails (not skips) when the gateway does not answer: -Psystem-tests means "test the stack". */
  static void requireRunningStack() {
    assertThat(LocalInfrastructure.urlReachable(GATEWAY_URL))
        .as(
            "the gateway at %s answers (start the stack with ./stack up, or run everything with"
                + " ./stack test; GATEWAY_URL selects another one)",
            GATEWAY_URL)
        .isTrue();
    assertThat(LocalInfrastructure.urlReachable(KEYCLOAK_URL))
        .as("Keycloak at %s answers (KEYCLOAK_URL)", KEYCLOAK_URL)
        .isTrue();
  }

  /**
   * A fresh enough access token of a realm user ({@code viewer}, {@code operator}, {@code admin}).
   */
  static String token(String user) {
    return TOKENS
        .compute(
            user,
            (u, cached) ->
                cached != null && cached.fetched().plus(TOKEN_REUSE).isAfter(Instant.now())
                    ? cached
                    : new Token(TestTokens.accessToken(KEYCLOAK_URL, u), Instant.now()))
        .value();
  }

  /** A request to the gateway without credentials. */
  static RequestSpecification anonymous() {
    return RestAssured.given().baseUri(GATEWAY_URL).accept("application/json");
  }

  /** A request to the gateway as a realm user. */
  static RequestSpecification as(String user) {
    return bearer(token(user));
  }

  /** A request to the gateway with the given bearer token. */
  static RequestSpecification bearer(String token) {
    return anonymous().header("Authorization", "Bearer " + token);
  }

  /** A response body as a JSON tree. */
  static JsonNode json(Response response) {
    try {
      return JSON.readTree(response.asString());
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          "not JSON (HTTP " + response.statusCode() + "): " + response.asString(), e);
    }
  }

  /** Asserts an RFC 9457 problem answer with {@code status}, and returns its body. */
  static JsonNode problem(Response response, int status) {
    assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(status);
    assertThat(response.contentType())
        .as("content type of the %d answer", status)
        .startsWith(Problem.MEDIA_TYPE);
    JsonNode body = json(response);
    assertThat(body.path("status").asInt()).as("problem status").isEqualTo(status);
    assertThat(body.path("title").asText()).as("problem title").isNotBlank();
    return body;
  }

  /** The {@code errors[].field} names of a problem. */
  static List<String> fields(JsonNode problem) {
    return elements(problem.path("errors")).stream().map(e -> e.path("field").asText()).toList();
  }

  /** The items of a paged list, after checking the page envelope. */
  static List<JsonNode> items(JsonNode page) {
    assertThat(page.path("items").isArray()).as("items of %s", page).isTrue();
    assertThat(page.has("page") && page.has("size") && page.has("total"))
        .as("page, size and total in %s", page)
        .isTrue();
    return elements(page.path("items"));
  }

  /** Every item of a paged list, page by page ({@code size} 100, the maximum). */
  static List<JsonNode> allPages(String user, String path, Map<String, ?> query) {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      Response response =
          as(user).queryParams(query).queryParam("page", page).queryParam("size", 100).get(path);
      assertThat(response.statusCode()).as("GET %s: %s", path, response.asString()).isEqualTo(200);
      JsonNode body = json(response);
      List<JsonNode> items = items(body);
      all.addAll(items);
      long total = body.path("total").asLong();
      if (items.isEmpty() || all.size() >= total) {
        assertThat(all).as("items of %s against its total", path).hasSize((int) total);
        return all;
      }
    }
  }

  static List<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  /** A required integer field; fails naming it when absent. */
  static int intField(JsonNode node, String name) {
    JsonNode value = node.path(name);
    assertThat(value.isIntegralNumber()).as("integer %s in %s", name, node).isTrue();
    return value.asInt();
  }
}

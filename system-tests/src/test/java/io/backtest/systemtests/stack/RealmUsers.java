package io.backtest.systemtests.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.support.testing.LocalInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Users of the realm beyond its three development users, for tests that need many rate limit
 * buckets (the gateway's limits are per user). Made through Keycloak's admin REST API as the master
 * realm's administrator ({@code KEYCLOAK_ADMIN_USER} / {@code KEYCLOAK_ADMIN_PASSWORD},
 * admin/admin: {@code ./stack} and docker-compose.yml start Keycloak with it), idempotently: a user
 * that exists keeps its id and gets its roles again. Password = user name, as for the realm's
 * development users, so {@link StackUnderTest#token} logs them in. A test deletes its users when it
 * is done ({@link #delete}).
 */
final class RealmUsers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RealmUsers() {}

  /** Creates the users that do not exist yet and grants every one the realm roles. */
  static void ensure(List<String> usernames, List<String> roles) {
    String keycloak = StackUnderTest.KEYCLOAK_URL;
    String admin = adminToken(keycloak);
    String base = keycloak + "/admin/realms/backtest";
    ArrayNode roleNodes = JSON.createArrayNode();
    for (String role : roles) {
      roleNodes.add(send(admin, "GET", base + "/roles/" + role, null, 200));
    }
    for (String username : usernames) {
      String id = userId(admin, base, username);
      if (id == null) {
        ObjectNode user = JSON.createObjectNode();
        user.put("username", username)
            .put("enabled", true)
            .put("emailVerified", true)
            .put("firstName", "Test")
            .put("lastName", username)
            .put("email", username + "@backtest.local");
        user.putArray("credentials")
            .addObject()
            .put("type", "password")
            .put("value", username)
            .put("temporary", false);
        send(admin, "POST", base + "/users", user, 201, 409);
        id = userId(admin, base, username);
      }
      send(admin, "POST", base + "/users/" + id + "/role-mappings/realm", roleNodes, 204);
    }
  }

  /** Deletes the users that exist (a test's own, once it is done with them). */
  static void delete(List<String> usernames) {
    String keycloak = StackUnderTest.KEYCLOAK_URL;
    String admin = adminToken(keycloak);
    String base = keycloak + "/admin/realms/backtest";
    for (String username : usernames) {
      String id = userId(admin, base, username);
      if (id != null) {
        send(admin, "DELETE", base + "/users/" + id, null, 204, 404);
      }
    }
  }

  private static String adminToken(String keycloak) {
    String user = LocalInfrastructure.env("KEYCLOAK_ADMIN_USER", "admin");
    String password = LocalInfrastructure.env("KEYCLOAK_ADMIN_PASSWORD", "admin");
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        exchange(
            HttpRequest.newBuilder(
                    URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "cannot log in as the master realm's administrator "
              + user
              + " at "
              + keycloak
              + " (KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD): HTTP "
              + r.statusCode()
              + ". A Keycloak started by an older ./stack has none: restart it with ./stack"
              + " infra-down and infra-up.");
    }
    return read(r.body()).path("access_token").asText();
  }

  private static String userId(String admin, String base, String username) {
    JsonNode found =
        send(
            admin,
            "GET",
            base
                + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8),
            null,
            200);
    for (JsonNode user : found) {
      if (username.equals(user.path("username").asText())) {
        return user.path("id").asText();
      }
    }
    return null;
  }

  private static JsonNode send(
      String token, String method, String url, JsonNode body, int... expected) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    HttpResponse<String> r = exchange(request.build());
    for (int status : expected) {
      if (r.statusCode() == status) {
        return r.body().isBlank() ? JSON.nullNode() : read(r.body());
      }
    }
    throw new IllegalStateException(
        method + " " + url + " answered HTTP " + r.statusCode() + ": " + r.body());
  }

  private static HttpResponse<String> exchange(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(StackUnderTest.KEYCLOAK_URL + " does not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }
}

package io.backtest.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Users of the platform's Keycloak realm ({@code backtest}) beyond its three development users, for
 * the load bench and the system tests, which need many rate limit buckets at the gateway (one set
 * per user). They are made through Keycloak's admin REST API as the master realm's administrator
 * ({@code ./stack} starts Keycloak with admin/admin, as docker-compose.yml does), idempotently: a
 * user that exists keeps its id and gets its roles again. Password = user name, like the realm's
 * development users; tokens come from the password grant of the public client {@code backtest-cli},
 * as the platform's scripts and tests get theirs. The bench keeps its users for the next run; a
 * test deletes its own when it is done ({@link #delete}).
 */
public final class RealmUsers {
  public static final String REALM = "backtest";
  public static final String CLIENT = "backtest-cli";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String keycloakUrl;
  private final String adminUser;
  private final String adminPassword;

  /** An access token and when to fetch the next one. */
  public record Token(String value, long renewAtNanos) {}

  /**
   * Users of the realm at {@code keycloakUrl}, managed as the master realm's administrator.
   *
   * @param adminUser the master realm's administrator ({@code KEYCLOAK_ADMIN_USER})
   * @param adminPassword its password ({@code KEYCLOAK_ADMIN_PASSWORD})
   */
  public RealmUsers(HttpClient http, String keycloakUrl, String adminUser, String adminPassword) {
    this.http = http;
    this.keycloakUrl = keycloakUrl.replaceAll("/+$", "");
    this.adminUser = adminUser;
    this.adminPassword = adminPassword;
  }

  /** Creates the users that do not exist yet and grants every one the realm roles. */
  public void ensure(List<String> usernames, List<String> roles)
      throws IOException, InterruptedException {
    String admin = adminToken();
    String base = keycloakUrl + "/admin/realms/" + REALM;
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
            .put("firstName", "Platform")
            .put("lastName", username)
            .put("email", username + "@backtest.local");
        user.putArray("credentials")
            .addObject()
            .put("type", "password")
            .put("value", username)
            .put("temporary", false);
        send(admin, "POST", base + "/users", user, 201, 409);
        id = userId(admin, base, username);
        if (id == null) {
          throw new IllegalStateException("Keycloak did not create user " + username);
        }
      }
      send(admin, "POST", base + "/users/" + id + "/role-mappings/realm", roleNodes, 204);
    }
  }

  /** Deletes those of the users that exist. */
  public void delete(List<String> usernames) throws IOException, InterruptedException {
    String admin = adminToken();
    String base = keycloakUrl + "/admin/realms/" + REALM;
    for (String username : usernames) {
      String id = userId(admin, base, username);
      if (id != null) {
        send(admin, "DELETE", base + "/users/" + id, null, 204, 404);
      }
    }
  }

  /** A user's access token (password grant; password = user name). */
  public Token login(String username) throws IOException, InterruptedException {
    JsonNode answer =
        tokenRequest(
            REALM,
            Map.of(
                "grant_type", "password",
                "client_id", CLIENT,
                "username", username,
                "password", username,
                "scope", "openid"));
    long lifetime = answer.path("expires_in").asLong(300);
    // a new token a minute before this one expires, at the latest halfway through its life
    long renewAfter = Math.max(lifetime / 2, lifetime - 60);
    return new Token(
        answer.path("access_token").asText(),
        System.nanoTime() + Duration.ofSeconds(renewAfter).toNanos());
  }

  private String adminToken() throws IOException, InterruptedException {
    try {
      return tokenRequest(
              "master",
              Map.of(
                  "grant_type",
                  "password",
                  "client_id",
                  "admin-cli",
                  "username",
                  adminUser,
                  "password",
                  adminPassword))
          .path("access_token")
          .asText();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "cannot log in as the master realm's administrator "
              + adminUser
              + " (KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD) at "
              + keycloakUrl
              + ": a Keycloak started by an older ./stack has none; restart it (./stack infra-down,"
              + " ./stack infra-up) or create one. "
              + e.getMessage(),
          e);
    }
  }

  private JsonNode tokenRequest(String realm, Map<String, String> form)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    URI uri = URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token");
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "token request for %s at %s answered HTTP %d: %s",
              form.get("username"),
              uri,
              r.statusCode(),
              abbreviate(r.body())));
    }
    return JSON.readTree(r.body());
  }

  private String userId(String admin, String base, String username)
      throws IOException, InterruptedException {
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

  private JsonNode send(String token, String method, String url, JsonNode body, int... expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (int status : expected) {
      if (r.statusCode() == status) {
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
      }
    }
    throw new IllegalStateException(
        method + " " + url + " answered HTTP " + r.statusCode() + ": " + abbreviate(r.body()));
  }

  private static String abbreviate(String s) {
    return s.length() <= 400 ? s : s.substring(0, 400) + "…";
  }
}

package io.backtest.support.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens from the realm's development users ({@code viewer}, {@code operator}, {@code
 * admin}; password = user name) through the public client {@code backtest-cli}.
 */
public final class TestTokens {
  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestTokens() {}

  /** The realm's client whose access tokens live 3 seconds (for tests of expired tokens). */
  public static final String SHORT_LIVED_CLIENT = "backtest-cli-short-lived";

  /** An access token for {@code user} from the Keycloak at {@code keycloakUrl}. */
  public static String accessToken(String keycloakUrl, String user) {
    return accessToken(keycloakUrl, user, "backtest-cli");
  }

  /** An access token for {@code user} through the realm's public client {@code clientId}. */
  public static String accessToken(String keycloakUrl, String user, String clientId) {
    String form =
        "grant_type=password&client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(user, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(keycloakUrl + "/realms/backtest/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = ACCESS_TOKEN.matcher(response.body());
      if (response.statusCode() != 200 || !m.find()) {
        throw new IllegalStateException(
            "no token for "
                + user
                + " through "
                + clientId
                + ": "
                + response.statusCode()
                + " "
                + response.body());
      }
      return m.group(1);
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak at " + keycloakUrl + " does not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The expiry ({@code exp}) of a JWT access token, read from its payload (not verified). */
  public static Instant expiry(String token) {
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(payload);
    if (!m.find()) {
      throw new IllegalStateException("the token carries no exp claim: " + payload);
    }
    return Instant.ofEpochSecond(Long.parseLong(m.group(1)));
  }

  /** The committed realm file, found from any module directory of the repository. */
  public static Path realmFile() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("deploy/keycloak/backtest-realm.json");
      if (Files.exists(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("deploy/keycloak/backtest-realm.json not found");
  }
}

package io.backtest.gateway;

import io.backtest.support.testing.TestTokens;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Real access tokens of the realm's users from the test run's Keycloak, reused for a minute (they
 * live five).
 */
public final class Tokens {
  private static final long REUSE_NANOS = 60_000_000_000L;
  private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();

  private Tokens() {}

  public static String viewer() {
    return of("viewer");
  }

  public static String operator() {
    return of("operator");
  }

  public static String admin() {
    return of("admin");
  }

  public static String of(String user) {
    return ISSUED
        .compute(
            user,
            (name, issued) ->
                issued != null && System.nanoTime() - issued.at() < REUSE_NANOS
                    ? issued
                    : new Issued(TestTokens.accessToken(keycloakUrl(), name), System.nanoTime()))
        .token();
  }

  /**
   * A fresh token of {@code user} from the realm's short-lived client: signed by the realm, with
   * the API's audience and the user's roles, and expired 3 seconds after it was issued.
   */
  public static String shortLived(String user) {
    return TestTokens.accessToken(keycloakUrl(), user, TestTokens.SHORT_LIVED_CLIENT);
  }

  /**
   * {@code token} with one character of its signature changed: well-formed, correctly encoded, and
   * not signed by the realm. (A character well inside the signature: the last one may only carry
   * padding bits.)
   */
  public static String tampered(String token) {
    int at = token.lastIndexOf('.') + 1 + 10;
    char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
    return token.substring(0, at) + flipped + token.substring(at + 1);
  }

  private static String keycloakUrl() {
    return ConfigProvider.getConfig().getValue("test.keycloak-url", String.class);
  }

  private record Issued(String token, long at) {}
}

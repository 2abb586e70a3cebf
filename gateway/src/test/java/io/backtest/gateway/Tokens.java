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

  private static String keycloakUrl() {
    return ConfigProvider.getConfig().getValue("test.keycloak-url", String.class);
  }

  private record Issued(String token, long at) {}
}

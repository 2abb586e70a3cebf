package io.backtest.gateway.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * An application of its own (fresh downstream stubs and circuit breakers) that lets one frontend
 * origin call the API across origins, as a deployment does with {@code QUARKUS_HTTP_CORS_ORIGINS}.
 */
public class FrontendOrigin implements QuarkusTestProfile {
  static final String ORIGIN = "https://app.example.com";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("quarkus.http.cors.origins", ORIGIN);
  }
}

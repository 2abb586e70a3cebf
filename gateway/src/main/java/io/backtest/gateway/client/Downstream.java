package io.backtest.gateway.client;

/** The services behind the gateway: their REST client config key and the name callers see. */
public enum Downstream {
  STRATEGY("strategy", "strategy-service"),
  SCORING("scoring", "scoring-service"),
  REGIME("regime", "regime-service"),
  MONITORING("monitoring", "monitoring-service"),
  AUDIT("audit", "audit-service");

  private final String configKey;
  private final String serviceName;

  Downstream(String configKey, String serviceName) {
    this.configKey = configKey;
    this.serviceName = serviceName;
  }

  /** Key of {@code quarkus.rest-client.<key>.*} and {@code gateway.downstream.<key>.*}. */
  public String configKey() {
    return configKey;
  }

  /** The service's name as problems and logs show it ({@code strategy-service}). */
  public String serviceName() {
    return serviceName;
  }
}

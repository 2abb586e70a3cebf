package io.backtest.gateway.stub;

import io.backtest.gateway.client.Downstream;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The five services behind the gateway, played by in-process HTTP servers (one per service, each on
 * its own port) that answer what a test tells them and record what they were asked. Their URLs
 * become the REST clients' base URLs.
 */
public class DownstreamStubs implements QuarkusTestResourceLifecycleManager {
  private final Map<Downstream, StubService> services = new EnumMap<>(Downstream.class);

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    for (Downstream service : Downstream.values()) {
      StubService stub = StubService.start(service.serviceName());
      services.put(service, stub);
      config.put("quarkus.rest-client." + service.configKey() + ".url", stub.url());
    }
    return config;
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        this, new TestInjector.AnnotatedAndMatchesType(InjectStubs.class, DownstreamStubs.class));
  }

  @Override
  public void stop() {
    services.values().forEach(StubService::stop);
  }

  public StubService of(Downstream service) {
    return services.get(service);
  }

  public StubService strategy() {
    return of(Downstream.STRATEGY);
  }

  /** strategy-service answers {@code GET /api/v1/templates} with the canned template list. */
  public void templatesAnswer() {
    strategy()
        .answer(
            "GET",
            "/api/v1/templates",
            StubService.Answer.json(200, Canned.json("strategy/templates.json")));
  }

  public StubService scoring() {
    return of(Downstream.SCORING);
  }

  public StubService regime() {
    return of(Downstream.REGIME);
  }

  public StubService monitoring() {
    return of(Downstream.MONITORING);
  }

  public StubService audit() {
    return of(Downstream.AUDIT);
  }
}

package io.backtest.monitoring.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.monitoring.service.DeploymentService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Promotions and demotions into the deployments, once per event. */
@ApplicationScoped
public class StrategyLifecycleConsumer {
  static final String PROMOTED = "strategy-promoted";
  static final String DEMOTED = "strategy-demoted";

  private final EventConsumer consumer;
  private final DeploymentService service;

  public StrategyLifecycleConsumer(EventConsumer consumer, DeploymentService service) {
    this.consumer = consumer;
    this.service = service;
  }

  @Incoming(PROMOTED)
  public Uni<Void> onStrategyPromoted(Message<String> message) {
    return consumer.consume(message, EventCatalog.STRATEGY_PROMOTED, PROMOTED, service::watch);
  }

  @Incoming(DEMOTED)
  public Uni<Void> onStrategyDemoted(Message<String> message) {
    return consumer.consume(message, EventCatalog.STRATEGY_DEMOTED, DEMOTED, service::stop);
  }
}

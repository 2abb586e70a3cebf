package io.backtest.strategy.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.strategy.service.DeploymentService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Rollback on drift: monitoring-service found that a live strategy no longer behaves as its
 * backtest promised, so it leaves the live set with the detection as its reason.
 */
@ApplicationScoped
public class StrategyDriftDetectedConsumer {
  static final String CHANNEL = "strategy-drift-detected";

  private final EventConsumer consumer;
  private final DeploymentService deployments;

  public StrategyDriftDetectedConsumer(EventConsumer consumer, DeploymentService deployments) {
    this.consumer = consumer;
    this.deployments = deployments;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onDriftDetected(Message<String> message) {
    return consumer.consume(
        message,
        EventCatalog.STRATEGY_DRIFT_DETECTED,
        CHANNEL,
        event -> deployments.demoteOnDrift(event).replaceWithVoid());
  }
}

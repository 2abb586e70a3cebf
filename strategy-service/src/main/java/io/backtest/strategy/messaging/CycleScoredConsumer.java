package io.backtest.strategy.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.strategy.service.PromotionService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The promotion gate's trigger: a cycle's ranking from scoring-service. */
@ApplicationScoped
public class CycleScoredConsumer {
  static final String CHANNEL = "cycle-scored";

  private final EventConsumer consumer;
  private final PromotionService promotions;

  public CycleScoredConsumer(EventConsumer consumer, PromotionService promotions) {
    this.consumer = consumer;
    this.promotions = promotions;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onCycleScored(Message<String> message) {
    return consumer.consume(message, EventCatalog.CYCLE_SCORED, CHANNEL, promotions::decide);
  }
}

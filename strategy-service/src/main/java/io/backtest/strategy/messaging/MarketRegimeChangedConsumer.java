package io.backtest.strategy.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.strategy.service.RegimeReevaluationService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A change of market regime: recorded as the market's current regime of its detector (read by the
 * promotion gate's regime fit), and it may start a new cycle for a symbol with live strategies
 * ({@link RegimeReevaluationService}; when re-evaluation is disabled, only the regime is recorded).
 */
@ApplicationScoped
public class MarketRegimeChangedConsumer {
  static final String CHANNEL = "market-regime-changed";

  private final EventConsumer consumer;
  private final RegimeReevaluationService reevaluations;

  public MarketRegimeChangedConsumer(
      EventConsumer consumer, RegimeReevaluationService reevaluations) {
    this.consumer = consumer;
    this.reevaluations = reevaluations;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onRegimeChanged(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.MARKET_REGIME_CHANGED, CHANNEL, reevaluations::onRegimeChanged);
  }
}

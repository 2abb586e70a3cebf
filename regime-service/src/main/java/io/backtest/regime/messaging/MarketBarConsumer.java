package io.backtest.regime.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.regime.service.RegimeService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds the market bars into the rolling windows and the regime detectors, once per event. The
 * method runs on the event loop and never blocks it: the database work is reactive and the
 * detectors' CPU work goes to a worker thread ({@link RegimeService}).
 */
@ApplicationScoped
public class MarketBarConsumer {
  static final String CHANNEL = "market-bars";

  private final EventConsumer consumer;
  private final RegimeService regimes;

  public MarketBarConsumer(EventConsumer consumer, RegimeService regimes) {
    this.consumer = consumer;
    this.regimes = regimes;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onMarketBar(Message<String> message) {
    return consumer.consume(message, EventCatalog.MARKET_BARS, CHANNEL, regimes::recordBar);
  }
}

package io.backtest.regime.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.regime.service.MarketWindowService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Feeds the market bars into the rolling windows, once per event. */
@ApplicationScoped
public class MarketBarConsumer {
  static final String CHANNEL = "market-bars";

  private final EventConsumer consumer;
  private final MarketWindowService service;

  public MarketBarConsumer(EventConsumer consumer, MarketWindowService service) {
    this.consumer = consumer;
    this.service = service;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onMarketBar(Message<String> message) {
    return consumer.consume(message, EventCatalog.MARKET_BARS, CHANNEL, service::recordBar);
  }
}

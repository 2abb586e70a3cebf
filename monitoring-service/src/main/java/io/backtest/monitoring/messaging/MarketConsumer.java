package io.backtest.monitoring.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.monitoring.service.AlertService;
import io.backtest.monitoring.service.PaperTradingService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The market feed into paper trading, and regime changes into alerts, once per event. */
@ApplicationScoped
public class MarketConsumer {
  static final String BARS = "market-bars";
  static final String REGIME_CHANGED = "market-regime-changed";

  private final EventConsumer consumer;
  private final PaperTradingService paperTrading;
  private final AlertService alerts;

  public MarketConsumer(
      EventConsumer consumer, PaperTradingService paperTrading, AlertService alerts) {
    this.consumer = consumer;
    this.paperTrading = paperTrading;
    this.alerts = alerts;
  }

  @Incoming(BARS)
  public Uni<Void> onMarketBar(Message<String> message) {
    return consumer.consume(message, EventCatalog.MARKET_BARS, BARS, paperTrading::recordBar);
  }

  @Incoming(REGIME_CHANGED)
  public Uni<Void> onMarketRegimeChanged(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.MARKET_REGIME_CHANGED, REGIME_CHANGED, alerts::recordRegimeChange);
  }
}

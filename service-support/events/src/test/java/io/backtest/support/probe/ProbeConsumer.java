package io.backtest.support.probe;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.events.MarketBar;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Stores every bar it receives; refuses (and so retries, then dead-letters) prices >= 1000. */
@ApplicationScoped
public class ProbeConsumer {
  private final EventConsumer consumer;

  public ProbeConsumer(EventConsumer consumer) {
    this.consumer = consumer;
  }

  @Incoming("probe-bars")
  public Uni<Void> onBar(Message<String> message) {
    return consumer.consume(
        message,
        EventCatalog.MARKET_BARS,
        "probe-bars",
        event -> {
          MarketBar bar = event.data();
          if (bar.close() >= 1000) {
            return Uni.createFrom().failure(new IllegalStateException("price too high to store"));
          }
          ProbeBar row = new ProbeBar();
          row.symbol = bar.symbol();
          row.time = bar.time();
          row.close = bar.close();
          return row.persist().replaceWithVoid();
        });
  }
}

package io.backtest.strategy.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.strategy.service.BacktestService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The backtest worker: every instance joins one consumer group on {@code backtest.requested}, so
 * adding instances (up to the topic's partitions) evaluates a cycle faster.
 */
@ApplicationScoped
public class BacktestRequestedConsumer {
  static final String CHANNEL = "backtest-requested";

  private final EventConsumer consumer;
  private final BacktestService backtests;

  public BacktestRequestedConsumer(EventConsumer consumer, BacktestService backtests) {
    this.consumer = consumer;
    this.backtests = backtests;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onBacktestRequested(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.BACKTEST_REQUESTED, CHANNEL, backtests::runBacktest);
  }
}

package io.backtest.scoring.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.scoring.service.ScoringService;
import io.backtest.support.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The events scoring consumes, each idempotently and with dead-lettering through {@link
 * EventConsumer}; the channel name is also the consumer name in {@code processed_event}.
 */
@ApplicationScoped
public class ScoringEventConsumer {
  static final String CYCLE_STARTED = "cycle-started";
  static final String BACKTEST_COMPLETED = "backtest-completed";
  static final String BACKTEST_FAILED = "backtest-failed";
  static final String STRATEGY_PROMOTED = "strategy-promoted";
  static final String STRATEGY_DEMOTED = "strategy-demoted";
  static final String CYCLE_COMPLETED = "cycle-completed";

  private final EventConsumer consumer;
  private final ScoringService scoring;

  public ScoringEventConsumer(EventConsumer consumer, ScoringService scoring) {
    this.consumer = consumer;
    this.scoring = scoring;
  }

  @Incoming(CYCLE_STARTED)
  public Uni<Void> onCycleStarted(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.CYCLE_STARTED, CYCLE_STARTED, scoring::startCycle);
  }

  @Incoming(BACKTEST_COMPLETED)
  public Uni<Void> onBacktestCompleted(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.BACKTEST_COMPLETED, BACKTEST_COMPLETED, scoring::recordBacktest);
  }

  @Incoming(BACKTEST_FAILED)
  public Uni<Void> onBacktestFailed(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.BACKTEST_FAILED, BACKTEST_FAILED, scoring::recordFailure);
  }

  @Incoming(STRATEGY_PROMOTED)
  public Uni<Void> onStrategyPromoted(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.STRATEGY_PROMOTED, STRATEGY_PROMOTED, scoring::promote);
  }

  @Incoming(STRATEGY_DEMOTED)
  public Uni<Void> onStrategyDemoted(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.STRATEGY_DEMOTED, STRATEGY_DEMOTED, scoring::demote);
  }

  @Incoming(CYCLE_COMPLETED)
  public Uni<Void> onCycleCompleted(Message<String> message) {
    return consumer.consume(
        message, EventCatalog.CYCLE_COMPLETED, CYCLE_COMPLETED, scoring::recordCompletion);
  }
}

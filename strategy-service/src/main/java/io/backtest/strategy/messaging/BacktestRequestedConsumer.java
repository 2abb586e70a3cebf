package io.backtest.strategy.messaging;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.strategy.config.WorkerConfig;
import io.backtest.strategy.service.BacktestService;
import io.backtest.support.messaging.EventConsumer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The backtest worker: every instance joins one consumer group on {@code backtest.requested}, so
 * adding instances (up to the topic's partitions) evaluates a cycle faster, and each instance
 * evaluates as many requests at once as its worker pool has threads, with more in progress (reading
 * inputs, storing results) so that database and Kafka work overlaps the computation.
 *
 * <p>Why this shape. SmallRye Reactive Messaging calls a method that returns a {@code Uni} for one
 * record at a time, which would leave all but one core idle. Its own ways to parallelise do not
 * fit: {@code @Blocking(ordered = false)} runs the method on a worker thread, where Hibernate
 * Reactive refuses to run; the {@code concurrency} channel attribute and the Kafka connector's
 * {@code partitions} add consumers to the group, so they help only with spare partitions, which the
 * replicas (HPA, one per partition) already take and a local broker's one-partition topics do not
 * have. So the method starts each record's processing on the record's own Vert.x context and
 * returns at once while fewer than N = {@code strategy.worker.in-flight} records are in flight,
 * else when one finishes ({@link InFlightLimit}); the evaluations themselves queue for the worker
 * pool.
 *
 * <p>The guarantees stay those of {@link EventConsumer}: each record is acked only after its
 * transaction committed (or nacked to the dead-letter topic when malformed), and the connector's
 * default {@code throttled} commit strategy commits a partition's offset only up to the first
 * record not yet acked, so records finishing out of order are never skipped; after a crash the
 * in-flight records are redelivered, and the {@code processed_event} inbox (ce_id) makes that
 * harmless.
 */
@ApplicationScoped
public class BacktestRequestedConsumer {
  static final String CHANNEL = "backtest-requested";

  private final EventConsumer consumer;
  private final BacktestService backtests;
  private final InFlightLimit limit;

  public BacktestRequestedConsumer(
      EventConsumer consumer, BacktestService backtests, WorkerConfig worker) {
    this.consumer = consumer;
    this.backtests = backtests;
    this.limit = new InFlightLimit(worker.inFlightRequests());
    Log.infof(
        "backtest worker: up to %d requests in progress, %d computing at once",
        limit.limit(), worker.poolThreads());
  }

  @Incoming(CHANNEL)
  public Uni<Void> onBacktestRequested(Message<String> message) {
    limit.enter();
    process(message)
        .onTermination()
        .invoke(limit::leave)
        .subscribe()
        .with(
            ignored -> {}, failure -> Log.errorf(failure, "%s: record processing failed", CHANNEL));
    return limit.room();
  }

  /**
   * Evaluates outside any transaction (the CPU work must not hold a database connection), then
   * records the outcome exactly once in effect; acks or nacks the record, never fails.
   */
  private Uni<Void> process(Message<String> message) {
    EventEnvelope<BacktestRequested> request;
    try {
      request = EventConsumer.envelope(message, EventCatalog.BACKTEST_REQUESTED);
    } catch (RuntimeException malformed) {
      // the consumer reads it again, and dead-letters it with the reason
      return consume(message, null);
    }
    return backtests.evaluate(request.data()).chain(outcome -> consume(message, outcome));
  }

  private Uni<Void> consume(Message<String> message, BacktestService.Outcome outcome) {
    return consumer.consume(
        message,
        EventCatalog.BACKTEST_REQUESTED,
        CHANNEL,
        event -> backtests.recordBacktest(event, outcome));
  }
}

package io.backtest.support.messaging;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Writes events into the outbox table inside the caller's transaction: the event is published if
 * and only if the transaction commits. Call it from a {@code @WithTransaction} method.
 */
@ApplicationScoped
public class Outbox {
  private final OutboxRelay relay;

  public Outbox(OutboxRelay relay) {
    this.relay = relay;
  }

  /** Adds one event to the current transaction. */
  public <T> Uni<Void> add(EventType<T> type, EventEnvelope<T> event) {
    if (!type.type().equals(event.type())) {
      throw new IllegalArgumentException(
          "event of type " + event.type() + " cannot go to " + type.topic());
    }
    OutboxRecord record = new OutboxRecord();
    record.eventId = event.id();
    record.topic = type.topic();
    record.type = event.type();
    record.source = event.source();
    record.subject = event.subject();
    record.correlationId = event.correlationId();
    record.causationId = event.causationId();
    record.eventTime = event.time();
    record.payload = EventJson.write(event.data());
    record.createdAt = Instant.now();
    return record.persist().invoke(relay::requestFlush).replaceWithVoid();
  }

  /** Adds events of one type to the current transaction, in order. */
  public <T> Uni<Void> addAll(EventType<T> type, List<EventEnvelope<T>> events) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EventEnvelope<T> event : events) {
      chain = chain.chain(() -> add(type, event));
    }
    return chain;
  }
}

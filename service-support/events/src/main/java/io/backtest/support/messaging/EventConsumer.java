package io.backtest.support.messaging;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.EventType;
import io.backtest.contracts.MalformedEventException;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Correlation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes one Kafka record as a platform event, exactly once in effect:
 *
 * <ul>
 *   <li>a record without CloudEvents headers, of another type, or whose payload does not satisfy
 *       the event's record is malformed and is nacked at once (the channel's dead-letter queue
 *       receives it with the reason);
 *   <li>otherwise the effect runs in one transaction together with the insert of the event id into
 *       {@code processed_event}, so a redelivered event changes nothing;
 *   <li>a failure for another reason (database down, a conflict) is retried with back-off and
 *       dead-lettered only when the attempts are used up, never dropped.
 * </ul>
 */
@ApplicationScoped
public class EventConsumer {
  private final PlatformConfig config;

  public EventConsumer(PlatformConfig config) {
    this.config = config;
  }

  /**
   * Processes {@code message} as an event of {@code type} for {@code consumer} (the channel name).
   * The returned Uni acks or nacks the message; it never fails.
   */
  public <T> Uni<Void> consume(
      Message<String> message,
      EventType<T> type,
      String consumer,
      Function<EventEnvelope<T>, Uni<Void>> effect) {
    EventEnvelope<T> event;
    try {
      event = envelope(message, type);
    } catch (MalformedEventException e) {
      Log.warnf("%s: malformed record dead-lettered: %s", consumer, e.getMessage());
      return Uni.createFrom().completionStage(message.nack(e));
    }
    Correlation.set(event.correlationId());
    Duration backoff = config.inbox().initialBackoff();
    return Uni.createFrom()
        .deferred(() -> Panache.withTransaction(() -> process(event, consumer, effect)))
        .onFailure(EventConsumer::isRetryable)
        .retry()
        .withBackOff(backoff, Duration.ofSeconds(5))
        .atMost(Math.max(0, config.inbox().maxAttempts() - 1))
        .onItemOrFailure()
        .transformToUni(
            (processed, failure) -> {
              if (failure == null) {
                return Uni.createFrom().completionStage(message.ack());
              }
              if (failure instanceof MalformedEventException) {
                Log.warnf(
                    "%s: event %s (%s) rejected, dead-lettered: %s",
                    consumer, event.id(), event.type(), failure.getMessage());
              } else {
                Log.errorf(
                    failure,
                    "%s: event %s (%s) failed and goes to the dead-letter queue",
                    consumer,
                    event.id(),
                    event.type());
              }
              return Uni.createFrom().completionStage(message.nack(failure));
            });
  }

  private static <T> Uni<Boolean> process(
      EventEnvelope<T> event, String consumer, Function<EventEnvelope<T>, Uni<Void>> effect) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into processed_event (event_id, consumer, processed_at)"
                            + " values (:id, :consumer, :at) on conflict do nothing")
                    .setParameter("id", event.id())
                    .setParameter("consumer", consumer)
                    .setParameter("at", Instant.now())
                    .executeUpdate())
        .chain(
            inserted -> {
              if (inserted == 0) {
                Log.debugf("%s: event %s already processed, skipped", consumer, event.id());
                return Uni.createFrom().item(false);
              }
              return effect.apply(event).replaceWith(true);
            });
  }

  private static boolean isRetryable(Throwable failure) {
    return !(failure instanceof MalformedEventException);
  }

  /** Reads the CloudEvents context and payload of a record. */
  public static <T> EventEnvelope<T> envelope(Message<String> message, EventType<T> type) {
    IncomingKafkaRecordMetadata<?, ?> kafka =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .orElseThrow(() -> new IllegalStateException("not a Kafka record: " + message));
    CloudEventContext ce = CloudEventHeaders.read(kafka.getHeaders());
    if (!type.type().equals(ce.type())) {
      throw new MalformedEventException(
          "expected type " + type.type() + " on " + type.topic() + " but got " + ce.type());
    }
    if (ce.subject() == null) {
      throw new MalformedEventException("ce_subject is missing");
    }
    if (ce.correlationId() == null) {
      throw new MalformedEventException("ce_correlationid is missing");
    }
    String payload = message.getPayload();
    if (payload == null) {
      throw new MalformedEventException("record has no value");
    }
    T data = EventJson.read(payload, type.payload());
    return new EventEnvelope<>(
        ce.id(),
        ce.type(),
        ce.source(),
        ce.subject(),
        ce.time() != null ? ce.time() : kafka.getTimestamp(),
        ce.correlationId(),
        ce.causationId(),
        data);
  }
}

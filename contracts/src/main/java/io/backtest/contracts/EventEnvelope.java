package io.backtest.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event with its CloudEvents context: what a producer hands to the outbox and what a consumer
 * receives.
 *
 * @param id {@code ce_id}, the idempotency key
 * @param type {@code ce_type}
 * @param source {@code ce_source}, the producing service
 * @param subject {@code ce_subject}, also the Kafka key
 * @param time {@code ce_time}
 * @param correlationId extension {@code correlationid}
 * @param causationId extension {@code causationid}, null for events caused by a REST call
 * @param data the payload record
 */
public record EventEnvelope<T>(
    UUID id,
    String type,
    String source,
    String subject,
    Instant time,
    String correlationId,
    String causationId,
    T data) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(data, "data");
  }

  /** A new event of {@code type} with a fresh id, stamped now. */
  public static <T> EventEnvelope<T> create(
      EventType<T> type,
      String source,
      String subject,
      String correlationId,
      String causationId,
      T data) {
    return new EventEnvelope<>(
        UUID.randomUUID(),
        type.type(),
        source,
        subject,
        Instant.now(),
        correlationId,
        causationId,
        data);
  }

  /** A new event caused by this one: same correlation id, causation id = this event's id. */
  public <R> EventEnvelope<R> causes(EventType<R> type, String source, String subject, R data) {
    return create(type, source, subject, correlationId, id.toString(), data);
  }
}

package io.backtest.audit.messaging;

import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.service.AuditLogService;
import io.backtest.audit.service.CheckpointService;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.Topics;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Correlation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Records every event of every topic of the environment in the audit log: the {@code audit} channel
 * subscribes by pattern, so a new topic is picked up without a change here.
 *
 * <p>The same guarantees as {@code EventConsumer}, for any event type: a malformed record is
 * dead-lettered at once, a redelivered event changes nothing (the log's event id is unique and is
 * checked under the append lock), any other failure is retried with back-off and then
 * dead-lettered, never dropped. The dead-letter topic is chosen per record: {@code <the record's
 * physical topic>.dlq}, through the nack metadata that SmallRye's {@code KafkaDeadLetterQueue}
 * honours ({@link OutgoingKafkaRecordMetadata#getTopic()} overrides the channel's DLQ topic).
 *
 * <p>The CloudEvents context is read from the record's headers ({@link CloudEventRecordReader},
 * through the platform's {@code CloudEventHeaders}), as every consumer does: the connector's own
 * parser (off by default for incoming channels) would end the channel on one unparseable {@code
 * ce_time} before any nack is possible.
 */
@ApplicationScoped
public class AuditIngestion {
  /** Header naming the consumer that dead-lettered a record: DLQ topics are shared. */
  static final String DEAD_LETTER_CONSUMER = "dead-letter-consumer";

  private final AuditLogService service;
  private final CheckpointService checkpoints;
  private final PlatformConfig config;
  private final CloudEventRecordReader reader;

  public AuditIngestion(
      AuditLogService service, CheckpointService checkpoints, PlatformConfig config) {
    this.service = service;
    this.checkpoints = checkpoints;
    this.config = config;
    this.reader = new CloudEventRecordReader(config.topicPrefix().orElse(""));
  }

  /** Appends one record to the audit log; acks or nacks it, never fails. */
  @Incoming("audit")
  public Uni<Void> onRecord(Message<String> message) {
    IncomingKafkaRecordMetadata<?, ?> kafka =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .orElseThrow(() -> new IllegalStateException("the audit channel reads Kafka records"));
    ReceivedEvent event;
    try {
      event =
          reader.read(
              kafka.getTopic(),
              kafka.getPartition(),
              kafka.getOffset(),
              kafka.getHeaders(),
              message.getPayload());
    } catch (MalformedEventException e) {
      Log.warnf(
          "audit: malformed record %s-%d@%d dead-lettered: %s",
          kafka.getTopic(), kafka.getPartition(), kafka.getOffset(), e.getMessage());
      return deadLetter(message, kafka.getTopic(), e);
    }
    if (event.correlationId() != null && Correlation.isValid(event.correlationId())) {
      Correlation.set(event.correlationId());
    }
    Duration backoff = config.inbox().initialBackoff();
    return Uni.createFrom()
        .deferred(() -> service.append(event))
        // a retry after a back-off resubscribes on a timer thread: come back to the record's
        // Vert.x context, which Hibernate Reactive requires
        .runSubscriptionOn(onContextOf(Vertx.currentContext()))
        .onFailure(failure -> !(failure instanceof MalformedEventException))
        .retry()
        .withBackOff(backoff, Duration.ofSeconds(5))
        .atMost(Math.max(0, config.inbox().maxAttempts() - 1))
        .onItemOrFailure()
        .transformToUni(
            (appended, failure) -> {
              if (failure == null) {
                // logged once committed, never for an attempt that is rolled back
                appended.ifPresentOrElse(
                    entry -> {
                      Log.infof(
                          "audit #%d %s %s: %s",
                          entry.seq, entry.type, entry.eventId, entry.summary);
                      checkpoints.afterAppend(entry.seq);
                    },
                    () -> Log.debugf("audit: event %s was already recorded", event.eventId()));
                return Uni.createFrom().completionStage(message.ack());
              }
              Log.errorf(
                  failure,
                  "audit: event %s (%s) could not be recorded and goes to the dead-letter queue",
                  event.eventId(),
                  event.type());
              return deadLetter(message, kafka.getTopic(), failure);
            });
  }

  /** Nacks to {@code <physicalTopic>.dlq}, saying which consumer gave up on the record. */
  private Uni<Void> deadLetter(Message<String> message, String physicalTopic, Throwable reason) {
    OutgoingKafkaRecordMetadata<?> target =
        OutgoingKafkaRecordMetadata.builder()
            .withTopic(Topics.dlq(physicalTopic))
            .addHeaders(
                new RecordHeader(
                    DEAD_LETTER_CONSUMER, config.serviceName().getBytes(StandardCharsets.UTF_8)))
            .build();
    return Uni.createFrom().completionStage(message.nack(reason, Metadata.of(target)));
  }

  private static Executor onContextOf(Context context) {
    if (context == null) {
      return Runnable::run;
    }
    return task -> context.runOnContext(ignored -> task.run());
  }
}

package io.backtest.audit.messaging;

import io.backtest.contracts.Topics;
import io.backtest.support.config.PlatformConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a record the audit log refuses to {@code <the record's physical topic>.dlq} itself, rather
 * than through a nack: the {@code audit} channel's failure strategy is {@code fail} (a nack stops
 * it), so the service must dead-letter a poison record on its own and ack it only once the broker
 * has the copy.
 *
 * <p>The copy looks like the dead letters of every other consumer, written by SmallRye's {@code
 * KafkaDeadLetterQueue}: the original key, value and headers, plus {@code dead-letter-reason},
 * {@code dead-letter-exception-class-name} (and {@code -cause}, {@code -cause-class-name} when the
 * failure has a cause), {@code dead-letter-topic}/{@code -partition}/{@code -offset} (as decimal
 * text), and {@code dead-letter-consumer} naming this service, since those topics are shared.
 */
@ApplicationScoped
public class AuditDeadLetters {
  /** Header naming the consumer that dead-lettered a record: DLQ topics are shared. */
  static final String DEAD_LETTER_CONSUMER = "dead-letter-consumer";

  private final MutinyEmitter<Record<String, String>> emitter;
  private final byte[] consumer;

  public AuditDeadLetters(
      // at most one batch of dead letters is in flight, bounded by max.poll.records
      @Channel("audit-dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
          MutinyEmitter<Record<String, String>> emitter,
      PlatformConfig config) {
    this.emitter = emitter;
    this.consumer = config.serviceName().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Sends a copy of {@code record} to its topic's dead-letter queue.
   *
   * @return completes once the broker acknowledged the copy (acks=all), fails if it did not
   */
  public Uni<Void> send(ConsumerRecord<String, String> record, Throwable reason) {
    Headers headers = new RecordHeaders();
    add(
        headers,
        KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME,
        reason.getClass().getName());
    add(headers, KafkaDeadLetterQueue.DEAD_LETTER_REASON, message(reason));
    if (reason.getCause() != null) {
      add(
          headers,
          KafkaDeadLetterQueue.DEAD_LETTER_CAUSE_CLASS_NAME,
          reason.getCause().getClass().getName());
      add(headers, KafkaDeadLetterQueue.DEAD_LETTER_CAUSE, message(reason.getCause()));
    }
    add(headers, KafkaDeadLetterQueue.DEAD_LETTER_TOPIC, record.topic());
    add(headers, KafkaDeadLetterQueue.DEAD_LETTER_PARTITION, Integer.toString(record.partition()));
    add(headers, KafkaDeadLetterQueue.DEAD_LETTER_OFFSET, Long.toString(record.offset()));
    record.headers().forEach(headers::add);
    headers.add(DEAD_LETTER_CONSUMER, consumer);
    OutgoingKafkaRecordMetadata<String> target =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(Topics.dlq(record.topic()))
            .withHeaders(headers)
            .build();
    // a Record carries the key and a value that may be null (a record without a value is malformed)
    return emitter.sendMessage(
        Message.of(Record.of(record.key(), record.value())).addMetadata(target));
  }

  /** What SmallRye writes as the reason: the message, else the exception itself. */
  private static String message(Throwable failure) {
    return failure.getMessage() != null ? failure.getMessage() : failure.toString();
  }

  private static void add(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

package io.backtest.audit.messaging;

import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.DeadLetter;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.service.AlertService;
import io.backtest.audit.service.AuditLogService;
import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.Topics;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Correlation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records every event of every topic of the environment in the audit log: the {@code audit} channel
 * subscribes by pattern, so a new topic is picked up without a change here. Records arrive in
 * batches (up to {@code max.poll.records}); the accepted events of a batch are appended in one
 * transaction, in the batch's order (so in each partition's order).
 *
 * <p><b>Nothing skipped, nothing ignored.</b> The channel commits with {@code throttled} (the
 * committed offset never passes a record that is not acked) and fails with {@code fail}, never
 * {@code ignore} or the connector's dead-letter queue: a nack stops the channel. So a batch is
 * acked only when each of its records is either in the log (a redelivered id counts: the log
 * already holds it) or in its topic's dead-letter queue with the broker's acknowledgement and an
 * alert raised; and it is nacked only when the database is unusable, after the retries ({@code
 * backtest.inbox.*} back-off). The nack stops the channel and reports the failure to SmallRye's
 * Kafka health, so the liveness check goes DOWN, Kubernetes restarts the pod and the records are
 * read again from the last committed offset. A crash anywhere in between has the same outcome:
 * records are read again, appended once (the id is checked under the append lock) or dead-lettered
 * again.
 *
 * <p><b>Poison records</b> are dead-lettered by the service itself ({@link AuditDeadLetters}), to
 * {@code <the record's physical topic>.dlq}, counted ({@code audit_dead_letters_total}) and
 * announced by a CRITICAL {@code monitoring.alert} ({@link AlertService}):
 *
 * <ul>
 *   <li>a malformed record ({@link CloudEventRecordReader} refuses it) at once;
 *   <li>a record the database refuses: when a batch's transaction fails after its retries, its
 *       events are appended one by one, each with its retries; an event that still fails while the
 *       log can be appended to (the append lock and tip can be read, {@link
 *       AuditLogService#probeAppend}) is poison. If the log cannot be appended to, the database is
 *       unusable and the batch is nacked.
 * </ul>
 *
 * <p>The CloudEvents context is read from the record's headers ({@link CloudEventRecordReader},
 * through the platform's {@code CloudEventHeaders}), as every consumer does: the connector's own
 * parser (off by default for incoming channels) would end the channel on one unparseable {@code
 * ce_time} before any nack is possible.
 */
@ApplicationScoped
public class AuditIngestion {
  private final AuditLogService service;
  private final AlertService alerts;
  private final AuditDeadLetters deadLetters;
  private final IngestMetrics metrics;
  private final IngestLag lag;
  private final PlatformConfig config;
  private final String topicPrefix;
  private final CloudEventRecordReader reader;

  public AuditIngestion(
      AuditLogService service,
      AlertService alerts,
      AuditDeadLetters deadLetters,
      IngestMetrics metrics,
      IngestLag lag,
      PlatformConfig config) {
    this.service = service;
    this.alerts = alerts;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.lag = lag;
    this.config = config;
    this.topicPrefix = config.topicPrefix().orElse("");
    this.reader = new CloudEventRecordReader(topicPrefix);
  }

  /** A record read as an event. */
  private record Accepted(ConsumerRecord<String, String> record, ReceivedEvent event) {}

  /** A record that goes to its dead-letter queue; {@code event} when it could be read as one. */
  private record Rejected(
      ConsumerRecord<String, String> record, ReceivedEvent event, Throwable reason) {}

  /** What became of a batch's events. */
  private record Outcome(List<AuditEntry> appended, List<Rejected> poison) {}

  /** Appends one batch to the audit log; acks it, or nacks it when the database is unusable. */
  @Incoming("audit")
  public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
    long started = System.nanoTime();
    ConsumerRecords<String, String> records = records(batch);
    List<Accepted> accepted = new ArrayList<>(records.count());
    List<Rejected> rejected = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      try {
        accepted.add(
            new Accepted(
                record,
                reader.read(
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.headers(),
                    record.value())));
      } catch (MalformedEventException e) {
        rejected.add(new Rejected(record, null, e));
      }
    }
    // a retry after a back-off resubscribes on a timer thread: come back to the batch's Vert.x
    // context, which Hibernate Reactive requires
    Executor context = onContextOf(Vertx.currentContext());
    return appendWithRetries(events(accepted), context)
        .map(appended -> new Outcome(appended, List.of()))
        .onFailure()
        .recoverWithUni(failure -> oneByOne(accepted, failure, context))
        .call(
            outcome -> {
              List<Rejected> all = new ArrayList<>(rejected);
              all.addAll(outcome.poison());
              // each partition's dead letters in its order
              all.sort(
                  Comparator.comparing((Rejected r) -> r.record().topic())
                      .thenComparingInt(r -> r.record().partition())
                      .thenComparingLong(r -> r.record().offset()));
              return deadLetter(all, context);
            })
        .chain(
            outcome -> {
              logBatch(records, outcome, rejected.size() + outcome.poison().size(), started);
              return Uni.createFrom()
                  .completionStage(batch.ack())
                  .invoke(() -> acked(records, outcome, started));
            })
        .onFailure()
        .recoverWithUni(
            failure -> {
              Log.errorf(
                  failure,
                  "audit: a batch of %d records could not be recorded nor dead-lettered; the"
                      + " channel stops and the records will be read again after a restart",
                  records.count());
              return Uni.createFrom().completionStage(batch.nack(failure));
            });
  }

  @SuppressWarnings("unchecked")
  private static ConsumerRecords<String, String> records(KafkaRecordBatch<String, String> batch) {
    return batch
        .getMetadata(IncomingKafkaRecordBatchMetadata.class)
        .map(metadata -> (ConsumerRecords<String, String>) metadata.getRecords())
        .orElseThrow(() -> new IllegalStateException("the audit channel reads Kafka batches"));
  }

  private static List<ReceivedEvent> events(List<Accepted> accepted) {
    return accepted.stream().map(Accepted::event).toList();
  }

  /** One transaction for all the events, retried with back-off. */
  private Uni<List<AuditEntry>> appendWithRetries(List<ReceivedEvent> events, Executor context) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Uni.createFrom()
        .deferred(() -> service.appendAll(events))
        .runSubscriptionOn(context)
        .onFailure()
        .retry()
        .withBackOff(config.inbox().initialBackoff(), Duration.ofSeconds(5))
        .atMost(Math.max(0, config.inbox().maxAttempts() - 1));
  }

  /**
   * After the batch's transaction failed: each event alone, in order. One that still fails while
   * the log can be appended to is poison; one that fails while it cannot fails the batch.
   */
  private Uni<Outcome> oneByOne(List<Accepted> accepted, Throwable batchFailure, Executor context) {
    Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>());
    if (accepted.size() == 1) {
      // it already failed alone, retries included
      return poisonUnlessUnusable(accepted.getFirst(), batchFailure, outcome, context)
          .replaceWith(outcome);
    }
    Log.warnf(
        "audit: a batch of %d events could not be appended (%s); appending them one by one",
        accepted.size(), batchFailure.toString());
    return Multi.createFrom()
        .iterable(accepted)
        .onItem()
        .transformToUniAndConcatenate(
            a ->
                appendWithRetries(List.of(a.event()), context)
                    .invoke(outcome.appended()::addAll)
                    .replaceWithVoid()
                    .onFailure()
                    .recoverWithUni(failure -> poisonUnlessUnusable(a, failure, outcome, context))
                    .replaceWith(a))
        .collect()
        .asList()
        .replaceWith(outcome);
  }

  private Uni<Void> poisonUnlessUnusable(
      Accepted accepted, Throwable failure, Outcome outcome, Executor context) {
    return Uni.createFrom()
        .deferred(service::probeAppend)
        .runSubscriptionOn(context)
        .onFailure()
        .transform(
            probe -> {
              IllegalStateException unusable =
                  new IllegalStateException(
                      "the audit log cannot be appended to: " + probe.getMessage(), probe);
              unusable.addSuppressed(failure);
              return unusable;
            })
        .invoke(
            size -> {
              Log.errorf(
                  failure,
                  "audit: event %s (%s) from %s-%d@%d is refused by the database while the log"
                      + " accepts others; it goes to the dead-letter queue",
                  accepted.event().eventId(),
                  accepted.event().type(),
                  accepted.record().topic(),
                  accepted.record().partition(),
                  accepted.record().offset());
              outcome.poison().add(new Rejected(accepted.record(), accepted.event(), failure));
            })
        .replaceWithVoid();
  }

  /**
   * Sends the rejected records to their dead-letter queues and waits for the broker, then raises
   * their alerts in one transaction (retried): only then may the batch be acked.
   */
  private Uni<Void> deadLetter(List<Rejected> rejected, Executor context) {
    if (rejected.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<Void>> sends = new ArrayList<>(rejected.size());
    List<DeadLetter> letters = new ArrayList<>(rejected.size());
    for (Rejected r : rejected) {
      ConsumerRecord<String, String> record = r.record();
      Log.warnf(
          "audit: record %s-%d@%d dead-lettered to %s: %s",
          record.topic(),
          record.partition(),
          record.offset(),
          Topics.dlq(record.topic()),
          r.reason().getMessage());
      String topic = logical(record.topic());
      sends.add(deadLetters.send(record, r.reason()).invoke(() -> metrics.deadLettered(topic)));
      letters.add(
          new DeadLetter(
              topic,
              record.partition(),
              record.offset(),
              Topics.dlq(record.topic()),
              r.reason().getMessage() != null ? r.reason().getMessage() : r.reason().toString(),
              r.event() == null ? null : r.event().eventId(),
              correlationId(r)));
    }
    return Uni.join()
        .all(sends)
        .andFailFast()
        .chain(
            () ->
                Uni.createFrom()
                    .deferred(() -> alerts.raiseDeadLetters(letters))
                    .runSubscriptionOn(context)
                    .onFailure()
                    .retry()
                    .withBackOff(config.inbox().initialBackoff(), Duration.ofSeconds(5))
                    .atMost(Math.max(0, config.inbox().maxAttempts() - 1)));
  }

  /** The record's correlation id, when it carries a valid one (a malformed record may not). */
  private static String correlationId(Rejected rejected) {
    String id =
        rejected.event() != null
            ? rejected.event().correlationId()
            : header(rejected.record(), CloudEventAttributes.HEADER_CORRELATION_ID);
    return id != null && Correlation.isValid(id) ? id : null;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private String logical(String physicalTopic) {
    return physicalTopic.startsWith(topicPrefix)
        ? physicalTopic.substring(topicPrefix.length())
        : physicalTopic;
  }

  private void logBatch(
      ConsumerRecords<String, String> records, Outcome outcome, int deadLettered, long started) {
    List<AuditEntry> appended = outcome.appended();
    for (AuditEntry entry : appended) {
      Log.debugf("audit #%d %s %s: %s", entry.seq, entry.type, entry.eventId, entry.summary);
    }
    int count = records.count();
    Log.infof(
        "audit: batch of %d records: %d appended%s, %d already recorded, %d dead-lettered, %d ms",
        count,
        appended.size(),
        appended.isEmpty()
            ? ""
            : " (#%d-#%d)".formatted(appended.getFirst().seq, appended.getLast().seq),
        count - appended.size() - deadLettered,
        deadLettered,
        (System.nanoTime() - started) / 1_000_000);
  }

  private void acked(ConsumerRecords<String, String> records, Outcome outcome, long started) {
    for (TopicPartition partition : records.partitions()) {
      lag.processed(partition, records.records(partition).getLast().offset() + 1);
    }
    metrics.batchDone(outcome.appended().size(), Duration.ofNanos(System.nanoTime() - started));
  }

  private static Executor onContextOf(Context context) {
    if (context == null) {
      return Runnable::run;
    }
    return task -> context.runOnContext(ignored -> task.run());
  }
}

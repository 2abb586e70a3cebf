package io.backtest.support.messaging;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.support.config.PlatformConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes committed outbox records to Kafka as CloudEvents (binary mode, key = subject) and
 * deletes them once the broker acknowledged them. Woken by PostgreSQL {@code NOTIFY} when a
 * transaction that wrote to the outbox commits, and by a poll as a safety net. A crash between
 * publishing and deleting republishes the same {@code ce_id}; consumers are idempotent.
 */
@ApplicationScoped
public class OutboxRelay {
  static final String NOTIFY_CHANNEL = "outbox";

  private final Vertx vertx;
  private final MutinyEmitter<String> emitter;
  private final PlatformConfig config;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final String databaseUrl;
  private final String username;
  private final String password;
  private PgSubscriber subscriber;

  public OutboxRelay(
      Vertx vertx,
      @Channel("outbox") MutinyEmitter<String> emitter,
      PlatformConfig config,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String databaseUrl,
      @ConfigProperty(name = "quarkus.datasource.username") String username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.emitter = emitter;
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.username = username;
    this.password = password.orElse("");
  }

  void listen(@Observes StartupEvent startup) {
    PgConnectOptions options =
        PgConnectOptions.fromUri(databaseUrl).setUser(username).setPassword(password);
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    subscriber.channel(NOTIFY_CHANNEL).handler(payload -> requestFlush());
    subscriber
        .connect()
        .onFailure(
            e -> Log.warnf("outbox: LISTEN failed (%s); relying on the poll", e.getMessage()))
        .onSuccess(v -> requestFlush());
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (subscriber != null) {
      subscriber.close();
    }
  }

  @Scheduled(
      every = "${backtest.outbox.poll-interval:1s}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // not before start-up is over: the emitter is wired by the messaging start-up
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    requestFlush();
  }

  /** Publishes what is waiting, now or right after the flush under way. */
  public void requestFlush() {
    pending.set(true);
    if (running.compareAndSet(false, true)) {
      // Hibernate Reactive needs a duplicated context of its own, flagged safe.
      Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
      VertxContextSafetyToggle.setContextSafe(context, true);
      context.runOnContext(v -> drain());
    }
  }

  private void drain() {
    pending.set(false);
    Uni.createFrom()
        .deferred(this::publishBatch)
        .subscribe()
        .with(
            published -> {
              if (published >= config.outbox().batchSize()) {
                pending.set(true);
              }
              finish();
            },
            failure -> {
              Log.warnf(failure, "outbox: publishing failed, will retry");
              finish();
            });
  }

  private void finish() {
    running.set(false);
    if (pending.get() && running.compareAndSet(false, true)) {
      drain();
    }
  }

  /** Publishes one batch in one transaction; returns how many records went out. */
  Uni<Integer> publishBatch() {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "select * from outbox order by seq limit :limit"
                                    + " for update skip locked",
                                OutboxRecord.class)
                            .setParameter("limit", config.outbox().batchSize())
                            .getResultList())
                .chain(this::sendAndDelete));
  }

  private Uni<Integer> sendAndDelete(List<OutboxRecord> records) {
    if (records.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    List<Uni<Void>> sends = records.stream().map(r -> emitter.sendMessage(toMessage(r))).toList();
    List<Long> published = records.stream().map(r -> r.seq).toList();
    return Uni.join()
        .all(sends)
        .andFailFast()
        .chain(() -> OutboxRecord.delete("seq in ?1", published))
        .replaceWith(records.size());
  }

  private Message<String> toMessage(OutboxRecord record) {
    var cloudEvent =
        OutgoingCloudEventMetadata.<String>builder()
            .withId(record.eventId.toString())
            .withType(record.type)
            .withSource(URI.create(record.source))
            .withSubject(record.subject)
            .withTimestamp(record.eventTime.atZone(ZoneOffset.UTC))
            .withDataContentType(CloudEventAttributes.CONTENT_TYPE)
            .withExtension(CloudEventAttributes.CORRELATION_ID, record.correlationId);
    if (record.causationId != null) {
      cloudEvent.withExtension(CloudEventAttributes.CAUSATION_ID, record.causationId);
    }
    var kafka =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(config.topic(record.topic))
            .withKey(record.subject)
            .build();
    return Message.of(record.payload).addMetadata(cloudEvent.build()).addMetadata(kafka);
  }
}

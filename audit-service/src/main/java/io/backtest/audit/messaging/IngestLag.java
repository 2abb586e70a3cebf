package io.backtest.audit.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The ingestion lag, {@code audit_ingest_lag_records}: records of the {@code audit} channel's
 * assigned partitions that are not yet appended (or dead-lettered), summed, refreshed every {@code
 * audit.ingest.lag-refresh}.
 *
 * <p>Per partition: end offset − the next offset to append. The Kafka client's own {@code
 * records-lag} metric (end offset − fetch position) is not enough: the connector fetches ahead of
 * the appends, so records fetched and queued, or in a batch being appended, would not count. The
 * next offset to append is what this instance acked last ({@link #processed}); for a partition it
 * has not acked anything of since its assignment, the group's committed offset (else the
 * partition's beginning: the group reads from the earliest offset), asked once. The end offset is
 * the fetch position plus the client's {@code currentLag}, known locally from the last fetch; only
 * a partition not fetched yet costs a {@code ListOffsets} request. Everything runs on the
 * consumer's polling thread ({@code runOnPollingThread}), the only thread allowed to use it.
 */
@ApplicationScoped
public class IngestLag {
  static final String CHANNEL = "audit";
  private static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(2);

  private final KafkaClientService kafka;
  private final AtomicLong lag = new AtomicLong();

  /** Next offset to append per assigned partition; written by ingestion, read when measuring. */
  private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

  public IngestLag(KafkaClientService kafka, MeterRegistry registry) {
    this.kafka = kafka;
    Gauge.builder("audit.ingest.lag", lag, AtomicLong::doubleValue)
        .description(
            "Records of the assigned partitions not yet appended to the audit log (end offset"
                + " minus the next offset to append, summed)")
        .baseUnit("records")
        .register(registry);
  }

  /** A batch was acked: {@code nextOffset} is the first offset of the partition not yet done. */
  public void processed(TopicPartition partition, long nextOffset) {
    next.merge(partition, nextOffset, Math::max);
  }

  /** The last measured lag. */
  public long current() {
    return lag.get();
  }

  @Scheduled(
      every = "${audit.ingest.lag-refresh:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> refresh() {
    KafkaConsumer<String, String> consumer = kafka.getConsumer(CHANNEL);
    if (consumer == null) {
      return Uni.createFrom().voidItem();
    }
    return consumer
        .runOnPollingThread(this::measure)
        .invoke(lag::set)
        .onFailure()
        // a stopped channel (failure strategy fail) keeps its last value; its health is DOWN
        .invoke(failure -> Log.debugf("audit: ingestion lag not measured: %s", failure))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private long measure(Consumer<String, String> consumer) {
    Set<TopicPartition> assigned = consumer.assignment();
    next.keySet().retainAll(assigned);
    List<TopicPartition> unknownStart =
        assigned.stream().filter(p -> !next.containsKey(p)).toList();
    if (!unknownStart.isEmpty()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(Set.copyOf(unknownStart), REMOTE_TIMEOUT);
      List<TopicPartition> neverCommitted =
          unknownStart.stream().filter(p -> committed.get(p) == null).toList();
      Map<TopicPartition, Long> beginning =
          neverCommitted.isEmpty()
              ? Map.of()
              : consumer.beginningOffsets(neverCommitted, REMOTE_TIMEOUT);
      for (TopicPartition p : unknownStart) {
        OffsetAndMetadata c = committed.get(p);
        Long start = c != null ? Long.valueOf(c.offset()) : beginning.get(p);
        if (start != null) {
          next.putIfAbsent(p, start);
        }
      }
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    List<TopicPartition> notFetched = new ArrayList<>();
    for (TopicPartition p : assigned) {
      OptionalLong fetchLag = consumer.currentLag(p);
      if (fetchLag.isPresent()) {
        // known from the last fetch, so the position is known too: no request
        ends.put(p, consumer.position(p) + fetchLag.getAsLong());
      } else {
        notFetched.add(p);
      }
    }
    if (!notFetched.isEmpty()) {
      ends.putAll(consumer.endOffsets(notFetched, REMOTE_TIMEOUT));
    }
    long total = 0;
    for (TopicPartition p : assigned) {
      Long end = ends.get(p);
      Long from = next.get(p);
      if (end != null && from != null) {
        total += Math.max(0, end - from);
      }
    }
    return total;
  }
}

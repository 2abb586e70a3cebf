package io.backtest.audit.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * What ingestion did, for Prometheus ({@code /q/metrics}): entries appended ({@code
 * audit_ingest_entries_total}), records dead-lettered per logical topic ({@code
 * audit_dead_letters_total{topic}}, the counter to alert on) and the time a batch takes from
 * delivery to ack ({@code audit_ingest_batch_seconds}). The lag is {@link IngestLag}'s.
 */
@ApplicationScoped
public class IngestMetrics {
  private final MeterRegistry registry;
  private final Counter entries;
  private final Timer batches;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.entries =
        Counter.builder("audit.ingest.entries")
            .description("Entries appended to the audit log")
            .register(registry);
    this.batches =
        Timer.builder("audit.ingest.batch")
            .description("Time from a batch's delivery to its ack: append, dead letters, alerts")
            .register(registry);
  }

  /** A batch was acked after {@code elapsed}, having appended {@code appended} entries. */
  public void batchDone(int appended, Duration elapsed) {
    entries.increment(appended);
    batches.record(elapsed);
  }

  /** A record of {@code topic} (logical) went to its dead-letter queue. */
  public void deadLettered(String topic) {
    Counter.builder("audit.dead.letters")
        .description("Records the audit log could not take and sent to their dead-letter queue")
        .tag("topic", topic)
        .register(registry)
        .increment();
  }
}

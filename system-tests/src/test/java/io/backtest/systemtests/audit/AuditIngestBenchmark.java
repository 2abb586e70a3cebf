package io.backtest.systemtests.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How fast audit-service turns Kafka records into committed, signed log entries; the target is
 * {@value #TARGET_RATE} events/s on the 2 cores of the local machine with the consumer lag bounded.
 * Not a build test (its name matches no test pattern): run on demand, with the environment of the
 * system tests (Kafka and PostgreSQL as {@code ./stack infra-up} starts them):
 *
 * <pre>
 * ./mvnw -B -pl system-tests verify -Psystem-tests -Dit.test=AuditIngestBenchmark \
 *     -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>System properties: {@code audit.bench.events} (phase 1, default 50,000), {@code
 * audit.bench.rate} and {@code audit.bench.seconds} (phase 2, default 6,000/s for 20 s), {@code
 * audit.bench.drain-timeout-seconds} (per phase, default 1,800), {@code audit.bench.jvm-options}
 * (the service's JVM, default the Kubernetes deployment's: {@code -Xmx288m}, the JVM's own JIT and
 * collector; {@code ./stack}'s dev options stop at the C1 compiler for quick starts).
 *
 * <ol>
 *   <li><b>Backlog</b>: the events are produced before a fresh audit-service starts, so that the
 *       service's ingestion is measured and not the producer: the rate is entries over the time
 *       from the first entry's {@code ingested_at} to the last one's, and to the first signed head
 *       covering them all.
 *   <li><b>Steady load</b>: a producer at a fixed rate while the service runs; each second the lag
 *       is sampled twice, as the service reports it ({@code audit_ingest_lag_records} at {@code
 *       /q/metrics}, when it exposes it) and as measured here (events Kafka acknowledged less
 *       events in the log). Ingest delay = {@code ingested_at - ce_time}, its p50 and p99.
 * </ol>
 *
 * <p>The figures are printed whether or not the target is met; what is asserted is that every event
 * was recorded exactly once and that the log verifies.
 */
class AuditIngestBenchmark {
  private static final double TARGET_RATE = 5_000;
  private static final int EVENTS = Integer.getInteger("audit.bench.events", 50_000);
  private static final int RATE = Integer.getInteger("audit.bench.rate", 6_000);
  private static final int SECONDS = Integer.getInteger("audit.bench.seconds", 20);
  private static final Duration DRAIN_TIMEOUT =
      Duration.ofSeconds(Long.getLong("audit.bench.drain-timeout-seconds", 1_800));
  private static final List<String> JVM_OPTIONS =
      System.getProperty("audit.bench.jvm-options", "").isBlank()
          ? AuditServiceProcess.DEPLOYMENT_JVM_OPTIONS
          : Arrays.asList(System.getProperty("audit.bench.jvm-options").trim().split("\\s+"));

  /** Records the service read and has not yet appended (a gauge). */
  static final String LAG_METRIC = "audit_ingest_lag_records";

  /** Entries appended (a counter). */
  static final String ENTRIES_METRIC = "audit_ingest_entries_total";

  /** One sample a second: what was acknowledged, what the log holds, what the service says. */
  private record Sample(
      double at, long acknowledged, long recorded, OptionalDouble lag, OptionalDouble entries) {
    long measuredLag() {
      return acknowledged - recorded;
    }
  }

  /** What the log's rows say about one phase's entries. */
  private record Phase(
      long events, Instant first, Instant last, long lastSeq, double p50, double p99, double max) {
    double rate() {
      double seconds = Duration.between(first, last).toNanos() / 1e9;
      return seconds > 0 ? (events - 1) / seconds : Double.NaN;
    }
  }

  @Test
  void ingestFromKafkaToCommittedSignedEntries() throws Exception {
    List<String> report = new ArrayList<>();
    report.add(
        "JVM of audit-service: java %s (%s), %s; %d processors on this machine, shared with Kafka,"
                .formatted(
                    System.getProperty("java.version"),
                    System.getProperty("java.home"),
                    String.join(" ", JVM_OPTIONS),
                    Runtime.getRuntime().availableProcessors())
            + " PostgreSQL and the producer");
    report.add("load average at start: " + loadAverage());
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try (AuditServiceProcess service = AuditServiceProcess.prepare(JVM_OPTIONS, Map.of());
        AuditEvents events = new AuditEvents(service)) {
      report.add("run " + service.runId() + ", log " + service.log());
      service.createTopics(AuditEvents.topics());
      List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

      // ---- phase 1: a backlog, then a fresh service
      long t0 = System.nanoTime();
      for (int i = 0; i < EVENTS; i++) {
        events.send(events.event(i));
      }
      events.flush();
      report.add(
          "phase 1: %,d events pre-produced in %s over %d partitions"
              .formatted(
                  EVENTS,
                  seconds(since(t0)),
                  AuditEvents.topics().values().stream().mapToInt(Integer::intValue).sum()));
      long launched = System.nanoTime();
      Duration startup = service.start();
      sampler.scheduleAtFixedRate(
          () -> samples.add(sample(service, events, launched)), 0, 1, TimeUnit.SECONDS);
      awaitRecorded(service, EVENTS, "phase 1");
      Duration wallClock = since(launched);
      Phase backlog = phase(service, 0);
      Instant signed1 = awaitSignedHead(service, backlog.lastSeq());
      long phase1End = service.scalar("select max(seq) from audit_entry");
      List<Sample> phase1Samples = List.copyOf(samples);
      report.add(
          "  service ready %s after launch; all %,d recorded %s after launch"
              .formatted(seconds(startup), EVENTS, seconds(wallClock)));
      report.add(
          "  ingest: first to last entry %s = %s events/s; to the signed head covering them %s ="
                  .formatted(
                      seconds(Duration.between(backlog.first(), backlog.last())),
                      rate(backlog.rate()),
                      seconds(Duration.between(backlog.first(), signed1)))
              + " "
              + rate(EVENTS / (Duration.between(backlog.first(), signed1).toNanos() / 1e9))
              + " events/s");
      report.add("  lag " + lagSummary(phase1Samples));

      // ---- phase 2: a steady producer while the service runs
      samples.clear();
      int steady = RATE * SECONDS;
      long t2 = System.nanoTime();
      long interval = 1_000_000_000L / RATE;
      for (int i = 0; i < steady; i++) {
        long wait = t2 + i * interval - System.nanoTime();
        if (wait > 2_000_000) {
          AuditServiceProcess.sleep(wait / 1_000_000);
        }
        events.send(events.event(EVENTS + i));
      }
      events.flush();
      Duration produced = since(t2);
      awaitRecorded(service, EVENTS + steady, "phase 2");
      Duration drained = since(t2);
      Phase load = phase(service, phase1End);
      Instant signed2 = awaitSignedHead(service, load.lastSeq());
      List<Sample> phase2Samples = List.copyOf(samples);
      report.add(
          "phase 2: %,d events at a target of %,d/s for %d s: produced in %s (%s/s), all recorded"
                  .formatted(
                      steady,
                      RATE,
                      SECONDS,
                      seconds(produced),
                      rate(steady / (produced.toNanos() / 1e9)))
              + " "
              + seconds(drained)
              + " after the first send");
      report.add(
          "  ingest: first to last entry %s = %s events/s; signed head covering them %s after the"
                  .formatted(
                      seconds(Duration.between(load.first(), load.last())),
                      rate(load.rate()),
                      seconds(Duration.between(load.last(), signed2)))
              + " last entry");
      report.add(
          "  ingest delay (ingested_at - ce_time): p50 %s ms, p99 %s ms, max %s ms"
              .formatted(millis(load.p50()), millis(load.p99()), millis(load.max())));
      report.add("  lag " + lagSummary(phase2Samples));
      report.add("  samples (seconds since the service's launch; about 30 of them):");
      int step = Math.max(1, phase2Samples.size() / 30);
      for (int i = 0; i < phase2Samples.size(); i += step) {
        Sample s = phase2Samples.get(i);
        report.add(
            "    t=%5.1f s acknowledged %,d recorded %,d lag measured %,d metric %s"
                .formatted(
                    s.at(),
                    s.acknowledged(),
                    s.recorded(),
                    s.measuredLag(),
                    s.lag().isPresent() ? "%,.0f".formatted(s.lag().getAsDouble()) : "-"));
      }
      sampler.shutdownNow();

      // ---- every event exactly once, and the log verifies
      Set<UUID> sent = events.acknowledged();
      long n = service.scalar("select count(*) from audit_entry");
      assertThat(
              service.scalar(
                  "select count(*) from audit_entry where type <> ?", AuditEvents.CHECKPOINT_TYPE))
          .as("events in the log")
          .isEqualTo(sent.size())
          .isEqualTo(EVENTS + steady);
      assertThat(service.scalar("select count(distinct event_id) from audit_entry"))
          .as("distinct event ids")
          .isEqualTo(n);
      assertThat(service.eventIds()).as("event ids in the log").containsAll(sent);
      long v0 = System.nanoTime();
      JsonNode verification = service.auditApi("verify", Duration.ofMinutes(15));
      assertThat(verification.path("valid").asBoolean())
          .as("verification %s", verification)
          .isTrue();
      assertThat(verification.path("treeSize").asLong()).isGreaterThanOrEqualTo(n);
      report.add(
          "verify: valid over %,d entries and %d signed heads in %s"
              .formatted(
                  verification.path("treeSize").asLong(),
                  verification.path("signedHeads").asLong(),
                  seconds(since(v0))));
      double best = Math.max(backlog.rate(), load.rate());
      report.add(
          "target %,.0f events/s: %s (phase 1 %s/s, phase 2 %s/s)"
              .formatted(
                  TARGET_RATE,
                  best >= TARGET_RATE ? "met" : "MISSED",
                  rate(backlog.rate()),
                  rate(load.rate())));
    } finally {
      sampler.shutdownNow();
      report.add("load average at end: " + loadAverage());
      System.out.println("AuditIngestBenchmark\n  " + String.join("\n  ", report));
    }
  }

  private static Sample sample(AuditServiceProcess service, AuditEvents events, long since) {
    return new Sample(
        since(since).toMillis() / 1000.0,
        events.acks(),
        service.recordedEvents(),
        service.metric(LAG_METRIC),
        service.metric(ENTRIES_METRIC));
  }

  /** Waits until the log holds {@code count} events, printing progress every 10 s. */
  private static void awaitRecorded(AuditServiceProcess service, long count, String phase) {
    long start = System.nanoTime();
    long deadline = start + DRAIN_TIMEOUT.toNanos();
    long nextProgress = start + Duration.ofSeconds(10).toNanos();
    long recorded;
    while ((recorded = service.recordedEvents()) < count) {
      assertThat(service.isRunning()).as("audit-service runs (log %s)", service.log()).isTrue();
      long now = System.nanoTime();
      if (now > deadline) {
        throw new AssertionError(
            phase + ": " + recorded + " of " + count + " events recorded after " + DRAIN_TIMEOUT);
      }
      if (now > nextProgress) {
        System.out.printf(
            Locale.ROOT,
            "AuditIngestBenchmark %s: %,d of %,d recorded after %s%n",
            phase,
            recorded,
            count,
            seconds(since(start)));
        nextProgress = now + Duration.ofSeconds(10).toNanos();
      }
      AuditServiceProcess.sleep(200);
    }
  }

  /** When the first head covering {@code seq} was signed (waiting for it). */
  private static Instant awaitSignedHead(AuditServiceProcess service, long seq)
      throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (service.scalar("select max(tree_size) from tree_head") < seq) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no signed head covers seq " + seq + " after 60 s");
      }
      AuditServiceProcess.sleep(200);
    }
    try (Connection c = service.connect();
        PreparedStatement statement =
            c.prepareStatement("select min(signed_at) from tree_head where tree_size >= ?")) {
      statement.setLong(1, seq);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getTimestamp(1).toInstant();
      }
    }
  }

  /** The events (not checkpoints) after {@code afterSeq}: their times and ingest delays. */
  private static Phase phase(AuditServiceProcess service, long afterSeq) throws SQLException {
    String sql =
        """
        select count(*), min(ingested_at), max(ingested_at), max(seq),
               percentile_cont(0.5) within group (order by delay),
               percentile_cont(0.99) within group (order by delay),
               max(delay)
        from (select seq, ingested_at,
                     extract(epoch from ingested_at - event_time) * 1000 as delay
              from audit_entry where seq > ? and type <> ?) e
        """;
    try (Connection c = service.connect();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setLong(1, afterSeq);
      statement.setString(2, AuditEvents.CHECKPOINT_TYPE);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return new Phase(
            rs.getLong(1),
            instant(rs.getTimestamp(2)),
            instant(rs.getTimestamp(3)),
            rs.getLong(4),
            rs.getDouble(5),
            rs.getDouble(6),
            rs.getDouble(7));
      }
    }
  }

  private static String lagSummary(List<Sample> samples) {
    if (samples.isEmpty()) {
      return "not sampled";
    }
    Sample last = samples.getLast();
    long maxMeasured = samples.stream().mapToLong(Sample::measuredLag).max().orElse(0);
    OptionalDouble maxMetric =
        samples.stream()
            .filter(s -> s.lag().isPresent())
            .mapToDouble(s -> s.lag().getAsDouble())
            .max();
    String metric =
        maxMetric.isPresent()
            ? "%s max %,.0f, final %s"
                .formatted(
                    LAG_METRIC,
                    maxMetric.getAsDouble(),
                    last.lag().isPresent() ? "%,.0f".formatted(last.lag().getAsDouble()) : "-")
            : LAG_METRIC + " not exposed at /q/metrics";
    String entries =
        last.entries().isPresent()
            ? "; %s %,.0f".formatted(ENTRIES_METRIC, last.entries().getAsDouble())
            : "; " + ENTRIES_METRIC + " not exposed";
    return "(%d samples, 1/s): measured max %,d, final %,d; %s%s"
        .formatted(samples.size(), maxMeasured, last.measuredLag(), metric, entries);
  }

  /**
   * The machine's 1, 5 and 15 minute load averages, when it has /proc: other work skews figures.
   */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", Arrays.asList(fields).subList(0, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private static String seconds(Duration d) {
    return AuditCrashIT.seconds(d);
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static String millis(double ms) {
    return String.format(Locale.ROOT, "%,.0f", ms);
  }
}

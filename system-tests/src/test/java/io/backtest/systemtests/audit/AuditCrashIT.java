package io.backtest.systemtests.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The audit log under crashes: while about {@value #EVENTS} events (and deliberate duplicates of
 * some) flow over {@value #PRODUCE_SECONDS} s into several multi-partition topics, audit-service is
 * killed with SIGKILL at random moments while it appends (after a random number of new entries), at
 * least {@value #MIN_KILLS} times, one of them during its start-up, and restarted each time.
 * Afterwards the log must hold each event exactly once, with a gapless seq, verify end to end
 * ({@code GET /api/v1/audit/verify}), and a signed head must cover every event.
 *
 * <p>What a crash can break: an append committed in PostgreSQL whose Kafka offset was not yet
 * committed is delivered again after the restart (the log's unique event id and the check under the
 * append lock make that a no-op); a transaction cut in the middle leaves nothing (entry, Merkle
 * nodes and head are one transaction); the cached Merkle frontier is rebuilt from the stored
 * hashes; a head stored but not yet published is published by the outbox relay after the restart.
 *
 * <p>The service runs as its own process against its own database and topics ({@link
 * AuditServiceProcess}); of the test instance it shares only Kafka and PostgreSQL. The consumer's
 * {@code session.timeout.ms} is 6 s here instead of Kafka's 45 s default: a killed consumer never
 * leaves its group, and its partitions stay with it until the broker gives up on it, so with the
 * default each restart would wait most of a minute before it reads again and the kills would hit a
 * service with nothing to do. The correctness checked does not depend on it.
 */
class AuditCrashIT {
  private static final int EVENTS = 3_000;
  private static final int PRODUCE_SECONDS = 20;

  /** Every 20th event, an earlier one is sent again with the same ce_id. */
  private static final int DUPLICATE_EVERY = 20;

  private static final int MIN_KILLS = 5;
  private static final int MAX_KILLS = 12;

  /** A dead consumer's partitions move on after this (the broker's minimum is 6 s). */
  private static final Map<String, String> QUICK_FAILOVER =
      Map.of(
          "mp.messaging.incoming.audit.session.timeout.ms", "6000",
          "mp.messaging.incoming.audit.heartbeat.interval.ms", "1000");

  @Test
  void eachEventIsRecordedExactlyOnceAndTheLogVerifiesAfterRepeatedSigkills() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> report = new ArrayList<>();
    report.add("random seed " + seed);
    try (AuditServiceProcess service =
            AuditServiceProcess.prepare(AuditServiceProcess.STACK_JVM_OPTIONS, QUICK_FAILOVER);
        AuditEvents events = new AuditEvents(service)) {
      report.add("run " + service.runId() + ", log " + service.log());
      service.createTopics(AuditEvents.topics());
      report.add("first start: ready in " + seconds(service.start()));

      long t0 = System.nanoTime();
      AtomicInteger duplicates = new AtomicInteger();
      Thread producer =
          Thread.ofPlatform()
              .name("audit-crash-producer")
              .start(() -> produce(events, t0, new Random(seed + 1), duplicates));

      int kills = 0;
      List<Duration> restarts = new ArrayList<>();
      while ((producer.isAlive() || kills < MIN_KILLS) && kills < MAX_KILLS) {
        // a random moment while it appends: after a random number of new entries since the
        // (re)start, then a random fraction of a second
        awaitGrowth(service, 10 + random.nextInt(150), Duration.ofSeconds(20));
        AuditServiceProcess.sleep(random.nextInt(500));
        long held = service.recordedEvents();
        long pid = service.kill();
        kills++;
        report.add(
            "kill #%d at +%s: pid %d, SIGKILL; the log held about %d events, %d sent"
                .formatted(kills, seconds(since(t0)), pid, held, events.acks()));
        if (kills == 3) {
          // one crash in the middle of a start-up: Flyway, subscription, first polls
          service.launch();
          AuditServiceProcess.sleep(300 + random.nextInt(2_500));
          pid = service.kill();
          kills++;
          report.add(
              "kill #%d at +%s: pid %d, SIGKILL during start-up"
                  .formatted(kills, seconds(since(t0)), pid));
        }
        Duration restart = service.start();
        restarts.add(restart);
        report.add("  restarted, ready in " + seconds(restart));
      }
      producer.join();
      events.flush();
      Set<UUID> sent = events.acknowledged();
      report.add(
          "sent %d distinct events and %d duplicates in %s"
              .formatted(sent.size(), duplicates.get(), seconds(since(t0))));

      long drainStart = System.nanoTime();
      awaitCondition(
          service,
          Duration.ofSeconds(90),
          () -> service.recordedEvents() >= sent.size(),
          () -> "the log holds " + service.recordedEvents() + " of " + sent.size() + " events");
      report.add("every event in the log " + seconds(since(drainStart)) + " after the last send");
      long lastEventSeq =
          service.scalar(
              "select max(seq) from audit_entry where type <> ?", AuditEvents.CHECKPOINT_TYPE);
      // a head every audit.checkpoint.every (10 s) or every 1,000 entries
      awaitCondition(
          service,
          Duration.ofSeconds(40),
          () -> service.scalar("select max(tree_size) from tree_head") >= lastEventSeq,
          () ->
              "the largest signed head covers "
                  + service.scalar("select max(tree_size) from tree_head")
                  + " entries, not "
                  + lastEventSeq);
      // each head is itself recorded (read back from audit.checkpoint); then the log is at rest
      awaitCondition(
          service,
          Duration.ofSeconds(40),
          () ->
              service.scalar(
                      "select count(*) from audit_entry where type = ?",
                      AuditEvents.CHECKPOINT_TYPE)
                  == service.scalar("select count(*) from tree_head"),
          () -> "every signed head recorded as a checkpoint entry");

      long n = service.scalar("select count(*) from audit_entry");
      assertThat(
              service.scalar(
                  "select count(*) from audit_entry where type <> ?", AuditEvents.CHECKPOINT_TYPE))
          .as("events in the log")
          .isEqualTo(sent.size());
      assertThat(service.scalar("select count(distinct event_id) from audit_entry"))
          .as("distinct event ids")
          .isEqualTo(n);
      assertThat(service.scalar("select min(seq) from audit_entry")).as("first seq").isEqualTo(1);
      assertThat(service.scalar("select max(seq) from audit_entry"))
          .as("last seq of a gapless log of %d entries", n)
          .isEqualTo(n);
      assertThat(service.eventIds()).as("event ids in the log").containsAll(sent);

      long verifyStart = System.nanoTime();
      JsonNode verification = service.auditApi("verify", Duration.ofMinutes(2));
      assertThat(verification.path("valid").asBoolean())
          .as("verification %s", verification)
          .isTrue();
      assertThat(verification.path("treeSize").asLong()).as("verified tree size").isEqualTo(n);
      JsonNode head = service.auditApi("tree-head", Duration.ofSeconds(10));
      assertThat(head.path("treeSize").asLong())
          .as("the latest signed head covers every sent event")
          .isGreaterThanOrEqualTo(lastEventSeq);

      report.add(
          "log: %d entries (%d events, %d checkpoints), seq 1..%d, %d signed heads, latest over %d"
              .formatted(
                  n,
                  sent.size(),
                  n - sent.size(),
                  n,
                  verification.path("signedHeads").asLong(),
                  head.path("treeSize").asLong()));
      report.add(
          "verify: valid, treeSize %d, root %s, in %s"
              .formatted(
                  verification.path("treeSize").asLong(),
                  verification.path("rootHash").asText(),
                  seconds(since(verifyStart))));
      report.add(
          "%d kills, restarts ready in %s (mean %s)"
              .formatted(
                  kills,
                  restarts.stream().map(AuditCrashIT::seconds).toList(),
                  seconds(
                      Duration.ofNanos(
                          (long)
                              restarts.stream()
                                  .mapToLong(Duration::toNanos)
                                  .average()
                                  .orElse(0)))));
      assertThat(kills).as("SIGKILLs").isGreaterThanOrEqualTo(MIN_KILLS);
    } finally {
      System.out.println("AuditCrashIT\n  " + String.join("\n  ", report));
    }
  }

  /** {@value #EVENTS} events evenly over {@value #PRODUCE_SECONDS} s, with duplicates. */
  private static void produce(
      AuditEvents events, long t0, Random random, AtomicInteger duplicates) {
    List<ProducerRecord<String, String>> sent = new ArrayList<>(EVENTS);
    long interval = Duration.ofSeconds(PRODUCE_SECONDS).toNanos() / EVENTS;
    for (int i = 0; i < EVENTS; i++) {
      long due = t0 + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        AuditServiceProcess.sleep(Math.max(1, wait / 1_000_000));
      }
      ProducerRecord<String, String> record = events.event(i);
      events.send(record);
      sent.add(record);
      if (i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1) {
        events.send(sent.get(random.nextInt(sent.size())));
        duplicates.incrementAndGet();
      }
    }
  }

  /** Waits until the log grew by {@code entries} (or for at most {@code timeout}: no backlog). */
  private static void awaitGrowth(AuditServiceProcess service, int entries, Duration timeout) {
    long from = service.recordedEvents();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (service.recordedEvents() < from + entries && System.nanoTime() < deadline) {
      AuditServiceProcess.sleep(50);
    }
  }

  /** Polls each 250 ms; fails with the description, or at once if the service died. */
  private static void awaitCondition(
      AuditServiceProcess service,
      Duration timeout,
      BooleanSupplier condition,
      java.util.function.Supplier<String> description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(service.isRunning()).as("audit-service runs (log %s)", service.log()).isTrue();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("after " + timeout + ": " + description.get());
      }
      AuditServiceProcess.sleep(250);
    }
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}

package io.backtest.scoring;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.cycleCompleted;
import static io.backtest.scoring.ScoringFixtures.cycleStarted;
import static io.backtest.scoring.ScoringFixtures.failed;
import static io.backtest.scoring.ScoringFixtures.headers;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventType;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.support.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;

/**
 * The tests that drive the service through the real broker: publishes a cycle's events as
 * strategy-service and the workers do (correlation id {@code corr-<cycleId>}) and reads what the
 * service emitted.
 */
public abstract class KafkaTestBase {
  protected static TestKafka kafka;

  @BeforeAll
  static void connect() {
    kafka = TestKafka.shared();
    ScoringFixtures.readDecimalsAsDoubles();
  }

  protected static String correlation(UUID cycleId) {
    return "corr-" + cycleId;
  }

  protected static EventEnvelope<CycleStarted> startCycle(UUID cycleId, List<UUID> candidates) {
    return kafka.publish(
        EventCatalog.CYCLE_STARTED,
        cycleId.toString(),
        cycleStarted(cycleId, candidates),
        correlation(cycleId));
  }

  protected static EventEnvelope<CycleStarted> startCycle(CycleStarted started) {
    return kafka.publish(
        EventCatalog.CYCLE_STARTED,
        started.cycleId().toString(),
        started,
        correlation(started.cycleId()));
  }

  protected static EventEnvelope<BacktestCompleted> publishResult(BacktestCompleted result) {
    return kafka.publish(
        EventCatalog.BACKTEST_COMPLETED,
        result.strategyId().toString(),
        result,
        correlation(result.cycleId()));
  }

  /**
   * A completed backtest without walk-forward analysis whose returns have the annual Sharpe ratio
   * {@code sharpe} (see {@link ScoringFixtures#completed(UUID, UUID, double, double, int)}).
   */
  protected static EventEnvelope<BacktestCompleted> publishResult(
      UUID cycleId, UUID strategyId, double sharpe, double maxDrawdown, int trades) {
    return publishResult(completed(cycleId, strategyId, sharpe, maxDrawdown, trades));
  }

  protected static EventEnvelope<BacktestFailed> publishFailure(
      UUID cycleId, UUID strategyId, String reason) {
    return kafka.publish(
        EventCatalog.BACKTEST_FAILED,
        strategyId.toString(),
        failed(cycleId, strategyId, reason),
        correlation(cycleId));
  }

  /** The promotion gate's decision on a cycle ({@code cycle.completed}). */
  protected static EventEnvelope<CycleCompleted> publishDecision(
      UUID cycleId, List<UUID> promoted, List<UUID> demoted) {
    return kafka.publish(
        EventCatalog.CYCLE_COMPLETED,
        cycleId.toString(),
        cycleCompleted(cycleId, promoted, demoted),
        correlation(cycleId));
  }

  /** A record of {@code type}'s topic with valid CloudEvents headers and any value. */
  protected static void publishRaw(EventType<?> type, String key, String value) {
    kafka.publishRaw(kafka.topic(type.topic()), key, value, headers(type, key));
  }

  /** A one-candidate cycle, scored and ranked; returns the candidate. */
  protected static UUID scoredAlone(UUID cycleId) {
    UUID a = UUID.randomUUID();
    startCycle(cycleId, List.of(a));
    publishResult(cycleId, a, 1.5, 0.2, 10);
    awaitCycleScored(cycleId);
    return a;
  }

  protected static EventEnvelope<CycleScored> awaitCycleScored(UUID cycleId) {
    return awaitCycleScored(cycleId, WAIT);
  }

  protected static EventEnvelope<CycleScored> awaitCycleScored(UUID cycleId, Duration timeout) {
    return kafka
        .awaitEvents(EventCatalog.CYCLE_SCORED, e -> e.data().cycleId().equals(cycleId), 1, timeout)
        .getFirst();
  }

  /** Every {@code cycle.scored} of the cycle on the topic now: for "exactly once". */
  protected static List<EventEnvelope<CycleScored>> cycleScoredEvents(UUID cycleId) {
    return kafka.readEvents(EventCatalog.CYCLE_SCORED, e -> e.data().cycleId().equals(cycleId));
  }

  protected static ConsumerRecord<String, String> awaitDeadLetter(String topic, String key) {
    return kafka
        .await(kafka.topic(Topics.dlq(topic)), r -> key.equals(r.key()), 1, WAIT)
        .getFirst();
  }
}

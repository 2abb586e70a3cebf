package io.backtest.strategy.messaging;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.backtest.strategy.LiveSetFixtures.all;
import static io.backtest.strategy.LiveSetFixtures.decide;
import static io.backtest.strategy.LiveSetFixtures.ranking;
import static io.backtest.strategy.LiveSetFixtures.seedCycle;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.strategy.Fixtures;
import io.backtest.strategy.Fixtures.Stats;
import io.backtest.strategy.LiveSetFixtures;
import io.backtest.strategy.LiveSetFixtures.SeededCycle;
import io.backtest.strategy.LiveSetProfile;
import io.backtest.strategy.service.PromotionService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rollback on drift: strategy.drift.detected from the real broker demotes a live strategy. */
@QuarkusTest
@TestProfile(LiveSetProfile.class)
class StrategyDriftDetectedConsumerTest {
  private static final String REASON = "drift: CUSUM 61.2 > 50 after 340 bars";

  @Inject PromotionService promotions;

  @BeforeEach
  void emptyLiveSet() {
    LiveSetFixtures.resetLiveSet();
  }

  /** A live strategy, promoted by its cycle's decision. */
  private UUID liveStrategy() {
    SeededCycle c = seedCycle(1);
    decide(promotions, ranking(c, c.strategyIds(), new double[] {0.9}, all(1, Stats.passing())));
    assertThat(LiveSetFixtures.liveIds()).contains(c.strategy(0));
    return c.strategy(0);
  }

  private static StrategyDriftDetected drift(UUID strategyId) {
    Instant now = Instant.now();
    return new StrategyDriftDetected(
        strategyId, "AAPL", "1d", "cusum", 61.2, 50, 340, now, REASON, now);
  }

  private static long deployments(UUID strategyId) {
    return Fixtures.queryLong("select count(*) from deployment where strategy_id = ?", strategyId);
  }

  private static long processed(UUID eventId) {
    return Fixtures.queryLong(
        "select count(*) from processed_event where event_id = ? and consumer = ?",
        eventId,
        StrategyDriftDetectedConsumer.CHANNEL);
  }

  @Test
  void driftDemotesTheLiveStrategyWithTheDetectionAsReasonOnceOnly() throws Exception {
    UUID id = liveStrategy();
    long liveBefore = Fixtures.liveCount();
    EventEnvelope<StrategyDriftDetected> event =
        kafka()
            .publish(
                EventCatalog.STRATEGY_DRIFT_DETECTED, id.toString(), drift(id), "corr-drift-" + id);

    EventEnvelope<StrategyDemoted> demoted =
        kafka()
            .awaitEvents(
                EventCatalog.STRATEGY_DEMOTED, e -> e.data().strategyId().equals(id), 1, WAIT)
            .getFirst();
    StrategyDemoted d = demoted.data();
    assertThat(d.reason()).isEqualTo(REASON);
    assertThat(d.cycleId()).isNull();
    assertThat(d.replacedBy()).isNull();
    assertThat(d.liveCount()).isEqualTo((int) liveBefore - 1);
    assertThat(demoted.correlationId()).isEqualTo(event.correlationId());
    assertThat(demoted.causationId()).isEqualTo(event.id().toString());
    assertThat(demoted.subject()).isEqualTo(id.toString());

    try (Connection c = Fixtures.database();
        PreparedStatement s =
            c.prepareStatement("select status, reason, demoted_at from strategy where id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertThat(r.getString("status")).isEqualTo("RETIRED");
        assertThat(r.getString("reason")).isEqualTo(REASON);
        assertThat(r.getTimestamp("demoted_at")).isNotNull();
      }
    }
    try (Connection c = Fixtures.database();
        PreparedStatement s =
            c.prepareStatement(
                "select action, reason, cycle_id, event_id from deployment where strategy_id = ?"
                    + " order by seq desc limit 1")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertThat(r.getString("action")).isEqualTo("DEMOTED");
        assertThat(r.getString("reason")).isEqualTo(REASON);
        assertThat(r.getObject("cycle_id")).isNull();
        assertThat(r.getObject("event_id", UUID.class)).isEqualTo(demoted.id());
      }
    }
    assertThat(Fixtures.queryLong("select live from live_limit")).isEqualTo(liveBefore - 1);
    long rows = deployments(id);
    assertThat(rows).isEqualTo(2);

    // the same event again: processed once, nothing changes
    kafka().publish(EventCatalog.STRATEGY_DRIFT_DETECTED, event);
    Fixtures.awaitProcessedUpTo(EventCatalog.STRATEGY_DRIFT_DETECTED.topic(), id.toString());
    assertThat(deployments(id)).isEqualTo(rows);
    assertThat(processed(event.id())).isEqualTo(1);
    Fixtures.awaitOutboxDrained();
    assertThat(
            kafka()
                .readEvents(EventCatalog.STRATEGY_DEMOTED, e -> e.data().strategyId().equals(id)))
        .hasSize(1);
  }

  @Test
  void driftOfAStrategyThatIsNotLiveIsAcknowledgedWithoutEffect() {
    UUID candidate = seedCycle(1).strategy(0);
    UUID unknown = UUID.randomUUID();
    EventEnvelope<StrategyDriftDetected> notLive =
        kafka()
            .publish(
                EventCatalog.STRATEGY_DRIFT_DETECTED,
                candidate.toString(),
                drift(candidate),
                "corr-drift-candidate");
    EventEnvelope<StrategyDriftDetected> none =
        kafka()
            .publish(
                EventCatalog.STRATEGY_DRIFT_DETECTED,
                unknown.toString(),
                drift(unknown),
                "corr-drift-unknown");
    Fixtures.awaitProcessedUpTo(EventCatalog.STRATEGY_DRIFT_DETECTED.topic(), candidate.toString());
    Fixtures.awaitProcessedUpTo(EventCatalog.STRATEGY_DRIFT_DETECTED.topic(), unknown.toString());

    assertThat(processed(notLive.id())).isEqualTo(1);
    assertThat(processed(none.id())).isEqualTo(1);
    assertThat(deployments(candidate)).isZero();
    assertThat(
            Fixtures.queryLong(
                "select count(*) from strategy where id = ? and status = 'CANDIDATE' and reason"
                    + " is null",
                candidate))
        .isEqualTo(1);
    // acknowledged, not dead-lettered
    assertThat(
            kafka()
                .readAll(kafka().topic(EventCatalog.STRATEGY_DRIFT_DETECTED.topic() + ".dlq"))
                .stream()
                .filter(r -> !"marker".equals(r.value())))
        .isEmpty();
  }
}

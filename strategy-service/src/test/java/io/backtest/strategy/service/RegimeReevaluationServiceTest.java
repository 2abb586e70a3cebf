package io.backtest.strategy.service;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.backtest.strategy.LiveSetFixtures.all;
import static io.backtest.strategy.LiveSetFixtures.decide;
import static io.backtest.strategy.LiveSetFixtures.ranking;
import static io.backtest.strategy.LiveSetFixtures.seedCycle;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.engine.regime.RegimeLabels;
import io.backtest.strategy.Fixtures;
import io.backtest.strategy.Fixtures.Stats;
import io.backtest.strategy.LiveSetFixtures;
import io.backtest.strategy.LiveSetFixtures.SeededCycle;
import io.backtest.strategy.LiveSetProfile;
import io.backtest.strategy.domain.Cycle;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Re-evaluation on a change of market regime, with the service's own database: the enabled policy
 * is handed to the service (the application runs with the default, disabled), and the consumer is
 * checked on the real broker with it disabled.
 */
@QuarkusTest
@TestProfile(LiveSetProfile.class)
class RegimeReevaluationServiceTest {
  private static final ReevaluationPolicy ENABLED =
      new ReevaluationPolicy(
          true, Duration.ofHours(6), 2, List.of("volatility", "trend"), List.of());

  @Inject RegimeReevaluationService service;
  @Inject PromotionService promotions;

  @BeforeEach
  void freshState() {
    LiveSetFixtures.resetLiveSet();
    Fixtures.execute("delete from reevaluation");
  }

  /** Makes a strategy on aapl-1d-2013 (AAPL, 1d) live. */
  private void liveOnAapl() {
    SeededCycle c = seedCycle(1);
    decide(promotions, ranking(c, c.strategyIds(), new double[] {0.9}, all(1, Stats.passing())));
  }

  private static EventEnvelope<MarketRegimeChanged> change(
      String symbol, String from, String to, Instant barTime) {
    return change(symbol, "volatility", from, to, barTime);
  }

  private static EventEnvelope<MarketRegimeChanged> change(
      String symbol, String detector, String from, String to, Instant barTime) {
    MarketRegimeChanged data =
        new MarketRegimeChanged(
            symbol,
            "1d",
            detector,
            from,
            to,
            barTime,
            300,
            Map.of("volatility", 0.42, "highThreshold", 0.35),
            detector + " " + from + " -> " + to,
            Instant.now());
    return new EventEnvelope<>(
        UUID.randomUUID(),
        EventCatalog.MARKET_REGIME_CHANGED.type(),
        "/regime-service",
        symbol,
        Instant.now(),
        "corr-regime-" + UUID.randomUUID(),
        null,
        data);
  }

  private Cycle reevaluate(
      EventEnvelope<MarketRegimeChanged> event, ReevaluationPolicy policy, Instant now)
      throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> service.reevaluate(event, policy, now)));
  }

  @Test
  void regimeChangeOnAMarketWithLiveStrategiesStartsOneCycleWithinTheInterval() throws Throwable {
    liveOnAapl();
    Instant now = Instant.now();
    EventEnvelope<MarketRegimeChanged> event =
        change("AAPL", "NORMAL", "HIGH", Instant.parse("2013-12-31T00:00:00Z"));

    Cycle cycle = reevaluate(event, ENABLED, now);

    assertThat(cycle).isNotNull();
    String reason = "re-evaluation: volatility NORMAL -> HIGH on AAPL 1d";
    assertThat(cycle.reason).isEqualTo(reason);
    assertThat(cycle.seed).isEqualTo(ReevaluationPolicy.seed(event.data()));
    assertThat(cycle.candidates).isEqualTo(2);
    assertThat(cycle.correlationId).isEqualTo(event.correlationId());
    // the newest AAPL 1d dataset
    assertThat(cycle.datasetId).isEqualTo(newestDataset("AAPL", "1d"));
    given()
        .get("/api/v1/cycles/" + cycle.id)
        .then()
        .statusCode(200)
        .body("reason", equalTo(reason))
        .body("counts.candidates", equalTo(2))
        .body("correlationId", equalTo(event.correlationId()));
    EventEnvelope<CycleStarted> started =
        kafka()
            .awaitEvents(
                EventCatalog.CYCLE_STARTED, e -> e.data().cycleId().equals(cycle.id), 1, WAIT)
            .getFirst();
    assertThat(started.causationId()).isEqualTo(event.id().toString());
    assertThat(started.correlationId()).isEqualTo(event.correlationId());
    assertThat(started.data().seed()).isEqualTo(cycle.seed);
    // the dataset's regimes, labelled as at any cycle start
    assertThat(started.data().regimes())
        .isNotEmpty()
        .isEqualTo(RegimeLabels.label(Fixtures.storedBars(cycle.datasetId)));
    assertThat(
            Fixtures.queryLong(
                "select count(*) from reevaluation where symbol = 'AAPL' and timeframe = '1d'"
                    + " and cycle_id = ?",
                cycle.id))
        .isEqualTo(1);

    // another change of the market within six hours starts nothing
    EventEnvelope<MarketRegimeChanged> next =
        change("AAPL", "HIGH", "LOW", Instant.parse("2013-12-31T00:00:00Z"));
    assertThat(reevaluate(next, ENABLED, now.plus(Duration.ofHours(5)))).isNull();
    // past the interval it does
    Cycle later = reevaluate(next, ENABLED, now.plus(Duration.ofHours(7)));
    assertThat(later).isNotNull();
    assertThat(later.reason).isEqualTo("re-evaluation: volatility HIGH -> LOW on AAPL 1d");
    assertThat(
            Fixtures.queryLong(
                "select count(*) from reevaluation where symbol = 'AAPL' and cycle_id = ?",
                later.id))
        .isEqualTo(1);
  }

  @Test
  void noLiveStrategyOnTheSymbolNoDatasetOrDisabledStartsNothing() throws Throwable {
    long cycles = Fixtures.queryLong("select count(*) from cycle");
    Instant now = Instant.now();
    Instant bar = Instant.parse("2013-12-31T00:00:00Z");
    // nothing live on AAPL
    assertThat(reevaluate(change("AAPL", "NORMAL", "HIGH", bar), ENABLED, now)).isNull();
    liveOnAapl();
    cycles = Fixtures.queryLong("select count(*) from cycle");
    // another symbol with nothing live
    assertThat(reevaluate(change("MSFT", "NORMAL", "HIGH", bar), ENABLED, now)).isNull();
    // disabled
    ReevaluationPolicy disabled =
        new ReevaluationPolicy(false, Duration.ofHours(6), 2, List.of("volatility"), List.of());
    assertThat(reevaluate(change("AAPL", "NORMAL", "HIGH", bar), disabled, now)).isNull();
    assertThat(Fixtures.queryLong("select count(*) from cycle")).isEqualTo(cycles);
    assertThat(Fixtures.queryLong("select count(*) from reevaluation")).isZero();
  }

  @Test
  void theConsumerOnlyAcknowledgesWhileReevaluationIsDisabled() {
    liveOnAapl();
    long cycles = Fixtures.queryLong("select count(*) from cycle");
    EventEnvelope<MarketRegimeChanged> event =
        change("AAPL", "NORMAL", "HIGH", Instant.parse("2013-12-31T00:00:00Z"));
    kafka().publish(EventCatalog.MARKET_REGIME_CHANGED, event);
    Fixtures.awaitProcessedUpTo(EventCatalog.MARKET_REGIME_CHANGED.topic(), "AAPL");
    assertThat(
            Fixtures.queryLong(
                "select count(*) from processed_event where event_id = ?", event.id()))
        .isEqualTo(1);
    assertThat(Fixtures.queryLong("select count(*) from cycle")).isEqualTo(cycles);
    assertThat(Fixtures.queryLong("select count(*) from reevaluation")).isZero();
  }

  @Test
  void theConsumerKeepsTheNewestRegimeOfEachDetectorOfAMarket() {
    String symbol = "CUR" + UUID.randomUUID().toString().substring(0, 8);
    Instant t1 = Instant.parse("2024-03-01T00:00:00Z");
    Instant t2 = Instant.parse("2024-03-02T00:00:00Z");
    Instant t3 = Instant.parse("2024-03-03T00:00:00Z");

    EventEnvelope<MarketRegimeChanged> first = change(symbol, null, "NORMAL", t2);
    EventEnvelope<MarketRegimeChanged> trend = change(symbol, "trend", null, "TRENDING_UP", t1);
    kafka().publish(EventCatalog.MARKET_REGIME_CHANGED, first);
    kafka().publish(EventCatalog.MARKET_REGIME_CHANGED, trend);
    Fixtures.awaitProcessedUpTo(EventCatalog.MARKET_REGIME_CHANGED.topic(), symbol);
    assertThat(currentRegime(symbol, "volatility", first.id(), "NORMAL", t2)).isEqualTo(1);
    assertThat(currentRegime(symbol, "trend", trend.id(), "TRENDING_UP", t1)).isEqualTo(1);

    // delivered late: a change of an older bar, and one of the same bar, leave the row as it is
    EventEnvelope<MarketRegimeChanged> older = change(symbol, "LOW", "HIGH", t1);
    EventEnvelope<MarketRegimeChanged> same = change(symbol, "NORMAL", "LOW", t2);
    kafka().publish(EventCatalog.MARKET_REGIME_CHANGED, older);
    kafka().publish(EventCatalog.MARKET_REGIME_CHANGED, same);
    Fixtures.awaitProcessedUpTo(EventCatalog.MARKET_REGIME_CHANGED.topic(), symbol);
    assertThat(
            Fixtures.queryLong(
                "select count(*) from processed_event where event_id in (?, ?)",
                older.id(),
                same.id()))
        .isEqualTo(2);
    assertThat(currentRegime(symbol, "volatility", first.id(), "NORMAL", t2)).isEqualTo(1);

    // a newer bar replaces it; the other detector's row stays
    EventEnvelope<MarketRegimeChanged> newer = change(symbol, "NORMAL", "HIGH", t3);
    kafka().publish(EventCatalog.MARKET_REGIME_CHANGED, newer);
    Fixtures.awaitProcessedUpTo(EventCatalog.MARKET_REGIME_CHANGED.topic(), symbol);
    assertThat(currentRegime(symbol, "volatility", newer.id(), "HIGH", t3)).isEqualTo(1);
    assertThat(currentRegime(symbol, "trend", trend.id(), "TRENDING_UP", t1)).isEqualTo(1);
    assertThat(Fixtures.queryLong("select count(*) from market_regime where symbol = ?", symbol))
        .isEqualTo(2);
  }

  /** 1 when the market's row of {@code detector} holds exactly this regime, bar and event. */
  private static long currentRegime(
      String symbol, String detector, UUID eventId, String regime, Instant barTime) {
    return Fixtures.queryLong(
        "select count(*) from market_regime where symbol = ? and timeframe = '1d' and detector = ?"
            + " and regime = ? and bar_time = ? and event_id = ?",
        symbol,
        detector,
        regime,
        barTime.atOffset(java.time.ZoneOffset.UTC),
        eventId);
  }

  private static String newestDataset(String symbol, String timeframe) {
    try (var c = Fixtures.database();
        var s =
            c.prepareStatement(
                "select id from dataset where symbol = ? and timeframe = ? order by last_time"
                    + " desc, created_at desc, id limit 1")) {
      s.setString(1, symbol);
      s.setString(2, timeframe);
      try (var r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

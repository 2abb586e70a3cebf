package io.backtest.monitoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.support.testing.TestKafka;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** What the tests against the real broker do: publish promotions and demotions, await the API. */
public final class Fixtures {
  public static final Duration WAIT = Duration.ofSeconds(60);

  // doubles as doubles: rest-assured reads JSON numbers as floats by default
  private static final JsonPathConfig DOUBLES =
      JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE);

  private Fixtures() {}

  /** The test run's broker (one client for every test class). */
  public static TestKafka kafka() {
    return TestKafka.shared();
  }

  /** Publishes a promotion as strategy-service does: keyed by the strategy. */
  public static EventEnvelope<StrategyPromoted> publish(StrategyPromoted promoted) {
    return kafka()
        .publish(
            EventCatalog.STRATEGY_PROMOTED,
            promoted.strategyId().toString(),
            promoted,
            "corr-" + promoted.strategyId());
  }

  /** Publishes a demotion as strategy-service does: keyed by the strategy. */
  public static EventEnvelope<StrategyDemoted> publish(StrategyDemoted demoted) {
    return kafka()
        .publish(
            EventCatalog.STRATEGY_DEMOTED,
            demoted.strategyId().toString(),
            demoted,
            "corr-" + demoted.strategyId());
  }

  /** Publishes a market bar as a feed does: keyed by its symbol. */
  public static EventEnvelope<MarketBar> publish(MarketBar bar) {
    return kafka().publish(EventCatalog.MARKET_BARS, bar.symbol(), bar, "corr-" + bar.symbol());
  }

  /** Publishes a regime change as regime-service does: keyed by its symbol. */
  public static EventEnvelope<MarketRegimeChanged> publish(MarketRegimeChanged change) {
    return kafka()
        .publish(
            EventCatalog.MARKET_REGIME_CHANGED, change.symbol(), change, "corr-" + change.symbol());
  }

  /** The engine's bar as the feed carries it. */
  public static MarketBar marketBar(String symbol, String timeframe, OhlcvBar b) {
    return new MarketBar(
        symbol, timeframe, b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
  }

  /** Publishes bars {@code [from, to)} of a series, in order. */
  public static void publishBars(String symbol, List<OhlcvBar> bars, int from, int to) {
    for (int k = from; k < to; k++) {
      publish(marketBar(symbol, "1d", bars.get(k)));
    }
  }

  /** The strategy once it has paper traded {@code bars} bars. */
  public static JsonPath awaitLiveBars(UUID id, int bars) {
    return awaitStrategy(
        id, j -> j.get("live") != null && j.getInt("live.bars") == bars, "?points=5000");
  }

  /** The monitored strategy as JSON once the API shows it and it satisfies {@code ready}. */
  public static JsonPath awaitStrategy(UUID id, Predicate<JsonPath> ready) {
    return awaitStrategy(id, ready, "");
  }

  private static JsonPath awaitStrategy(UUID id, Predicate<JsonPath> ready, String query) {
    JsonPath[] seen = new JsonPath[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              var response = given().get("/api/v1/monitoring/strategies/{id}" + query, id);
              if (response.statusCode() != 200) {
                return false;
              }
              seen[0] = response.jsonPath(DOUBLES);
              return ready.test(seen[0]);
            });
    return seen[0];
  }
}

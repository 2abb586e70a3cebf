package io.backtest.regime;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MarketBar;
import io.backtest.support.testing.TestKafka;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/** What the tests against the real broker do: publish bars, await their windows in the API. */
public final class Fixtures {
  public static final Duration WAIT = Duration.ofSeconds(60);

  /** {@code regime.window-size} of the test profile. */
  public static final int WINDOW_SIZE = 120;

  /** Reads JSON numbers as doubles: rest-assured reads them as floats by default. */
  public static final JsonPathConfig DOUBLES =
      JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE);

  private Fixtures() {}

  /** The test run's broker (one client for every test class). */
  public static TestKafka kafka() {
    return TestKafka.shared();
  }

  /** A symbol no other test uses: windows are never deleted, so each test makes its own. */
  public static String symbol(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
  }

  /** A valid bar closing at {@code close}, its high and low 1% around it. */
  public static MarketBar bar(String symbol, String timeframe, Instant time, double close) {
    return new MarketBar(symbol, timeframe, time, close, close * 1.01, close * 0.99, close, 1000);
  }

  /** Publishes a bar as the market feed does: keyed by its symbol. */
  public static EventEnvelope<MarketBar> publish(MarketBar bar) {
    return kafka().publish(EventCatalog.MARKET_BARS, bar.symbol(), bar, "corr-" + bar.symbol());
  }

  /** The window as JSON once the API shows it and it satisfies {@code ready}. */
  public static JsonPath awaitWindow(String symbol, String timeframe, Predicate<JsonPath> ready) {
    JsonPath[] seen = new JsonPath[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              var response = given().get("/api/v1/market/windows/{s}/{t}", symbol, timeframe);
              if (response.statusCode() != 200) {
                return false;
              }
              seen[0] = response.jsonPath(DOUBLES);
              return ready.test(seen[0]);
            });
    return seen[0];
  }
}

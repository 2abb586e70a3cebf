package io.backtest.regime.messaging;

import static io.backtest.regime.Fixtures.DOUBLES;
import static io.backtest.regime.Fixtures.WAIT;
import static io.backtest.regime.Fixtures.WINDOW_SIZE;
import static io.backtest.regime.Fixtures.awaitWindow;
import static io.backtest.regime.Fixtures.bar;
import static io.backtest.regime.Fixtures.kafka;
import static io.backtest.regime.Fixtures.publish;
import static io.backtest.regime.Fixtures.symbol;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.MarketBar;
import io.backtest.regime.TwoPassVolatility;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Bars from the real broker into the windows in the real database (window size 120 in the test
 * profile), checked through the REST API.
 */
@QuarkusTest
class MarketBarConsumerTest {
  private static final Instant DAY0 = Instant.parse("2026-01-05T00:00:00Z");

  private static Instant hour(int n) {
    return DAY0.plus(Duration.ofHours(n));
  }

  private static List<Map<String, Object>> bars(String symbol, String timeframe) {
    return bars(symbol, timeframe, 100);
  }

  private static List<Map<String, Object>> bars(String symbol, String timeframe, int limit) {
    return given()
        .queryParam("limit", limit)
        .get("/api/v1/market/windows/{s}/{t}/bars", symbol, timeframe)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath(DOUBLES)
        .getList("items");
  }

  @Test
  void publishedBarsBuildTheWindowWithItsRealisedVolatility() {
    String symbol = symbol("WIN");
    double[] closes = {100, 105, 102, 108};
    for (int day = 0; day < closes.length; day++) {
      publish(bar(symbol, "1d", DAY0.plus(Duration.ofDays(day)), closes[day]));
    }

    JsonPath window = awaitWindow(symbol, "1d", w -> w.getInt("bars") == 4);
    assertThat(window.getString("symbol")).isEqualTo(symbol);
    assertThat(window.getString("timeframe")).isEqualTo("1d");
    assertThat(window.getString("from")).isEqualTo("2026-01-05T00:00:00Z");
    assertThat(window.getString("to")).isEqualTo("2026-01-08T00:00:00Z");
    assertThat(window.getDouble("lastClose")).isEqualTo(108.0);
    assertThat(window.getDouble("barsPerYear")).isEqualTo(252.0);
    // independent: two-pass sample sd of ln(105/100), ln(102/105), ln(108/102) × √252
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(TwoPassVolatility.of(closes, 252), within(1e-12))
        .isCloseTo(0.7541233152908151, within(1e-12));
  }

  /** A close per index, wandering between 45 and 55 (no two neighbours equal). */
  private static double close(int i) {
    return 50 + 5 * Math.sin(0.7 * i) + 0.01 * (i % 7);
  }

  private static double[] closes(int from, int to) {
    double[] closes = new double[to - from];
    for (int i = from; i < to; i++) {
      closes[i - from] = close(i);
    }
    return closes;
  }

  @Test
  void windowKeepsOnlyTheMostRecentWindowSizeBars() {
    String symbol = symbol("ROLL");
    int published = WINDOW_SIZE + 3;
    for (int h = 0; h < published; h++) {
      publish(bar(symbol, "1h", hour(h), close(h)));
    }

    JsonPath window =
        awaitWindow(symbol, "1h", w -> hour(published - 1).toString().equals(w.get("to")));
    assertThat(window.getInt("bars")).isEqualTo(WINDOW_SIZE);
    assertThat(window.getString("from")).isEqualTo(hour(3).toString());
    assertThat(window.getDouble("lastClose")).isEqualTo(close(published - 1));
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(TwoPassVolatility.of(closes(3, published), 8760), within(1e-12));

    List<Map<String, Object>> held = bars(symbol, "1h", 1000);
    List<String> expected = new ArrayList<>();
    for (int h = published - 1; h >= 3; h--) {
      expected.add(hour(h).toString());
    }
    assertThat(held).extracting(b -> b.get("time")).containsExactlyElementsOf(expected);
    assertThat(held)
        .extracting(b -> ((Number) b.get("close")).doubleValue())
        .first()
        .isEqualTo(close(published - 1));
  }

  @Test
  void lateBarIsPlacedByTimeAndOneOlderThanAFullWindowIsNotKept() {
    String symbol = symbol("LATE");
    // every 5-minute slot of a full window but slot 2, then slot 2 late
    for (int slot = 0; slot < WINDOW_SIZE; slot++) {
      if (slot != 2) {
        publish(bar(symbol, "5m", DAY0.plusSeconds(300L * slot), close(slot)));
      }
    }
    publish(bar(symbol, "5m", DAY0.plusSeconds(600), close(2)));

    JsonPath window = awaitWindow(symbol, "5m", w -> w.getInt("bars") == WINDOW_SIZE);
    assertThat(window.getString("to"))
        .isEqualTo(DAY0.plusSeconds(300L * (WINDOW_SIZE - 1)).toString());
    assertThat(window.getDouble("lastClose")).isEqualTo(close(WINDOW_SIZE - 1));
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(TwoPassVolatility.of(closes(0, WINDOW_SIZE), 105120), within(1e-12));
    List<Double> expected = new ArrayList<>();
    for (int slot = WINDOW_SIZE - 1; slot >= 0; slot--) {
      expected.add(close(slot));
    }
    assertThat(bars(symbol, "5m", 1000))
        .extracting(b -> ((Number) b.get("close")).doubleValue())
        .containsExactlyElementsOf(expected);

    // the window is full: a bar older than all it holds falls out at once; a new one rolls it
    publish(bar(symbol, "5m", DAY0.minusSeconds(300), 18.0));
    publish(bar(symbol, "5m", DAY0.plusSeconds(300L * WINDOW_SIZE), close(WINDOW_SIZE)));
    window =
        awaitWindow(
            symbol, "5m", w -> DAY0.plusSeconds(300L * WINDOW_SIZE).toString().equals(w.get("to")));
    assertThat(window.getInt("bars")).isEqualTo(WINDOW_SIZE);
    assertThat(window.getString("from")).isEqualTo(DAY0.plusSeconds(300).toString());
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(TwoPassVolatility.of(closes(1, WINDOW_SIZE + 1), 105120), within(1e-12));
  }

  @Test
  void redeliveredEventChangesNothing() {
    String symbol = symbol("DUP");
    EventEnvelope<MarketBar> first = publish(bar(symbol, "1h", hour(0), 10.0));
    kafka().publish(EventCatalog.MARKET_BARS, first);
    kafka().publish(EventCatalog.MARKET_BARS, first);
    publish(bar(symbol, "1h", hour(1), 11.0));
    publish(bar(symbol, "1h", hour(2), 10.5));

    JsonPath window = awaitWindow(symbol, "1h", w -> hour(2).toString().equals(w.get("to")));
    assertThat(window.getInt("bars")).isEqualTo(3);
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(TwoPassVolatility.of(new double[] {10.0, 11.0, 10.5}, 8760), within(1e-12));
  }

  @Test
  void secondBarForAHeldTimeFromAnotherEventIsIgnored() {
    String symbol = symbol("SAME");
    publish(bar(symbol, "4h", hour(0), 100.0));
    publish(bar(symbol, "4h", hour(4), 110.0));
    publish(bar(symbol, "4h", hour(4), 120.0)); // another event, same bar time: ignored
    publish(bar(symbol, "4h", hour(8), 105.0));

    JsonPath window = awaitWindow(symbol, "4h", w -> hour(8).toString().equals(w.get("to")));
    assertThat(window.getInt("bars")).isEqualTo(3);
    assertThat(bars(symbol, "4h"))
        .extracting(b -> ((Number) b.get("close")).doubleValue())
        .containsExactly(105.0, 110.0, 100.0);
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(TwoPassVolatility.of(new double[] {100.0, 110.0, 105.0}, 2190), within(1e-12));
  }

  @Test
  void malformedBarGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() {
    String symbol = symbol("BAD");
    // high below low: the MarketBar record refuses it
    String payload =
        "{\"symbol\":\"%s\",\"timeframe\":\"1d\",\"time\":\"2026-01-05T00:00:00Z\",\"open\":10,\"high\":9,\"low\":11,\"close\":10,\"volume\":5}"
            .formatted(symbol);
    kafka()
        .publishRaw(
            kafka().topic(Topics.MARKET_BARS),
            symbol,
            payload,
            TestKafka.cloudEventHeaders(EventCatalog.MARKET_BARS, symbol, "corr-bad"));
    publish(bar(symbol, "1d", DAY0, 10.0));

    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.MARKET_BARS)),
                r -> symbol.equals(r.key()),
                1,
                WAIT);
    assertThat(dead.getFirst().value()).isEqualTo(payload);
    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-reason"))
        .contains("not a valid MarketBar")
        .contains("high must be >= max(open, close)");
    JsonPath window = awaitWindow(symbol, "1d", w -> w.getInt("bars") == 1);
    assertThat(window.getDouble("lastClose")).isEqualTo(10.0);
  }

  @Test
  void barOfAnUnsupportedTimeframeIsDeadLettered() {
    String symbol = symbol("WEEK");
    EventEnvelope<MarketBar> weekly = publish(bar(symbol, "1w", DAY0, 10.0));
    publish(bar(symbol, "1d", DAY0, 10.0));

    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.MARKET_BARS)),
                r ->
                    weekly
                        .id()
                        .toString()
                        .equals(TestKafka.header(r, CloudEventAttributes.HEADER_ID)),
                1,
                WAIT);
    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-reason"))
        .contains("timeframe '1w' is not supported");
    awaitWindow(symbol, "1d", w -> w.getInt("bars") == 1);
  }

  @Test
  void barKeyedByAnotherSymbolIsDeadLettered() {
    String symbol = symbol("KEY");
    EventEnvelope<MarketBar> miskeyed =
        kafka().publish(EventCatalog.MARKET_BARS, "OTHER", bar(symbol, "1d", DAY0, 10.0), "corr");
    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.MARKET_BARS)),
                r ->
                    miskeyed
                        .id()
                        .toString()
                        .equals(TestKafka.header(r, CloudEventAttributes.HEADER_ID)),
                1,
                WAIT);
    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-reason"))
        .contains("is not the bar's symbol " + symbol);
    given().get("/api/v1/market/windows/{s}/1d", symbol).then().statusCode(404);
  }
}

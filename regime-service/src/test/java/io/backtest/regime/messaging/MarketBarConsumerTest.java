package io.backtest.regime.messaging;

import static io.backtest.regime.Fixtures.DOUBLES;
import static io.backtest.regime.Fixtures.WAIT;
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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Bars from the real broker into the windows in the real database (window size 5 in the test
 * profile), checked through the REST API.
 */
@QuarkusTest
class MarketBarConsumerTest {
  private static final Instant DAY0 = Instant.parse("2026-01-05T00:00:00Z");

  private static Instant hour(int n) {
    return DAY0.plus(Duration.ofHours(n));
  }

  private static List<Map<String, Object>> bars(String symbol, String timeframe) {
    return given()
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

  @Test
  void windowKeepsOnlyTheMostRecentWindowSizeBars() {
    String symbol = symbol("ROLL");
    double[] closes = {50, 51.5, 49.8, 52.2, 53.0, 51.1, 54.7, 55.3};
    for (int h = 0; h < closes.length; h++) {
      publish(bar(symbol, "1h", hour(h), closes[h]));
    }

    JsonPath window = awaitWindow(symbol, "1h", w -> hour(7).toString().equals(w.get("to")));
    assertThat(window.getInt("bars")).isEqualTo(5);
    assertThat(window.getString("from")).isEqualTo(hour(3).toString());
    assertThat(window.getDouble("lastClose")).isEqualTo(55.3);
    double[] kept = {52.2, 53.0, 51.1, 54.7, 55.3};
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(TwoPassVolatility.of(kept, 8760), within(1e-12));

    List<Map<String, Object>> held = bars(symbol, "1h");
    assertThat(held)
        .extracting(b -> b.get("time"))
        .containsExactly(
            hour(7).toString(),
            hour(6).toString(),
            hour(5).toString(),
            hour(4).toString(),
            hour(3).toString());
    assertThat(held)
        .extracting(b -> ((Number) b.get("close")).doubleValue())
        .first()
        .isEqualTo(55.3);
  }

  @Test
  void lateBarIsPlacedByTimeAndOneOlderThanAFullWindowIsNotKept() {
    String symbol = symbol("LATE");
    publish(bar(symbol, "5m", DAY0, 20.0));
    publish(bar(symbol, "5m", DAY0.plusSeconds(300), 20.4));
    publish(bar(symbol, "5m", DAY0.plusSeconds(900), 19.7));
    publish(bar(symbol, "5m", DAY0.plusSeconds(1200), 20.9));
    publish(bar(symbol, "5m", DAY0.plusSeconds(600), 21.3)); // late: belongs between 300 and 900

    JsonPath window = awaitWindow(symbol, "5m", w -> w.getInt("bars") == 5);
    assertThat(window.getString("to")).isEqualTo(DAY0.plusSeconds(1200).toString());
    assertThat(window.getDouble("lastClose")).isEqualTo(20.9);
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(
            TwoPassVolatility.of(new double[] {20.0, 20.4, 21.3, 19.7, 20.9}, 105120),
            within(1e-12));
    assertThat(bars(symbol, "5m"))
        .extracting(b -> ((Number) b.get("close")).doubleValue())
        .containsExactly(20.9, 19.7, 21.3, 20.4, 20.0);

    // the window is full: a bar older than all it holds falls out at once; a new one rolls it
    publish(bar(symbol, "5m", DAY0.minusSeconds(300), 18.0));
    publish(bar(symbol, "5m", DAY0.plusSeconds(1500), 21.6));
    window = awaitWindow(symbol, "5m", w -> DAY0.plusSeconds(1500).toString().equals(w.get("to")));
    assertThat(window.getInt("bars")).isEqualTo(5);
    assertThat(window.getString("from")).isEqualTo(DAY0.plusSeconds(300).toString());
    assertThat(window.getDouble("realisedVolatility"))
        .isCloseTo(
            TwoPassVolatility.of(new double[] {20.4, 21.3, 19.7, 20.9, 21.6}, 105120),
            within(1e-12));
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

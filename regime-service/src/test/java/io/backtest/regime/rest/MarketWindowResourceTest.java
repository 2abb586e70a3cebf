package io.backtest.regime.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.events.MarketBar;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The windows API: paging, lookups, and problem+json for every bad request. */
@QuarkusTest
class MarketWindowResourceTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static TestKafka kafka;

  @BeforeAll
  static void connect() {
    kafka = TestKafka.fromConfig();
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void pagesListEveryWindowOnceOrderedBySymbolThenTimeframe() {
    String base = "PG" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    List<String> mine = List.of(base + "A/1d", base + "A/1h", base + "B/1d");
    for (String key : mine) {
      String[] parts = key.split("/");
      MarketBar bar =
          new MarketBar(
              parts[0], parts[1], Instant.parse("2026-01-05T00:00:00Z"), 10, 11, 9, 10.5, 100);
      kafka.publish(EventCatalog.MARKET_BARS, parts[0], bar, "corr-page");
    }
    for (String key : mine) {
      await()
          .atMost(WAIT)
          .until(() -> given().get("/api/v1/market/windows/" + key).statusCode() == 200);
    }

    List<String> listed = new ArrayList<>();
    long total = -1;
    for (int page = 0; ; page++) {
      JsonPath body =
          given()
              .queryParam("page", page)
              .queryParam("size", 2)
              .get("/api/v1/market/windows")
              .then()
              .statusCode(200)
              .body("page", equalTo(page))
              .body("size", equalTo(2))
              .extract()
              .jsonPath();
      total = body.getLong("total");
      List<String> keys = keys(body);
      if (keys.isEmpty()) {
        break;
      }
      assertThat(keys).hasSizeLessThanOrEqualTo(2);
      listed.addAll(keys);
    }
    assertThat(listed).hasSize((int) total).doesNotHaveDuplicates().containsAll(mine);
    assertThat(listed)
        .isSortedAccordingTo(
            Comparator.comparing((String k) -> k.split("/")[0])
                .thenComparing(k -> k.split("/")[1]));
  }

  private static List<String> keys(JsonPath body) {
    List<String> symbols = body.getList("items.symbol");
    List<String> timeframes = body.getList("items.timeframe");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i++) {
      keys.add(symbols.get(i) + "/" + timeframes.get(i));
    }
    return keys;
  }

  @Test
  void defaultPageIsTheFirstOfTwenty() {
    given()
        .get("/api/v1/market/windows")
        .then()
        .statusCode(200)
        .body("page", equalTo(0))
        .body("size", equalTo(20));
  }

  @ParameterizedTest
  @CsvSource({"page, -1", "page, 21474837", "page, first", "size, 0", "size, 101", "size, many"})
  void pageOrSizeOutOfRangeIsABadRequestNamingTheParameter(String name, String value) {
    given()
        .queryParam(name, value)
        .get("/api/v1/market/windows")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(name))
        .body("errors[0].reason", containsString("must be an integer between"));
  }

  @Test
  void unknownWindowIsANotFoundProblem() {
    given()
        .get("/api/v1/market/windows/NOSUCH/1d")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Market window NOSUCH/1d does not exist"));
    given()
        .get("/api/v1/market/windows/NOSUCH/1d/bars")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void malformedTimeframeIsABadRequestNamingIt() {
    given()
        .get("/api/v1/market/windows/AAPL/1week")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("timeframe"))
        .body("errors[0].reason", containsString("'1week' is not supported"));
  }

  @ParameterizedTest
  @CsvSource({"0", "1001", "ten"})
  void barLimitOutOfRangeIsABadRequestNamingIt(String limit) {
    given()
        .queryParam("limit", limit)
        .get("/api/v1/market/windows/AAPL/1d/bars")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("limit"))
        .body("errors[0].reason", containsString("between 1 and 1000"));
  }

  @Test
  void barLimitCapsTheBarsReturned() {
    String symbol = "LIM" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
    for (int i = 0; i < 3; i++) {
      kafka.publish(
          EventCatalog.MARKET_BARS,
          symbol,
          new MarketBar(symbol, "1m", t0.plusSeconds(60L * i), 10, 13, 9, 10 + i, 100),
          "corr-limit");
    }
    await()
        .atMost(WAIT)
        .until(
            () -> {
              var r = given().get("/api/v1/market/windows/{s}/1m", symbol);
              return r.statusCode() == 200 && r.jsonPath().getInt("bars") == 3;
            });
    given()
        .queryParam("limit", 2)
        .get("/api/v1/market/windows/{s}/1m/bars", symbol)
        .then()
        .statusCode(200)
        .body("symbol", equalTo(symbol))
        .body("limit", equalTo(2))
        .body("items.time", equalTo(List.of("2026-01-05T00:02:00Z", "2026-01-05T00:01:00Z")));
  }
}

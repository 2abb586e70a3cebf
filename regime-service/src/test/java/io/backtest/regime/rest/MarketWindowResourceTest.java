package io.backtest.regime.rest;

import static io.backtest.regime.Fixtures.awaitWindow;
import static io.backtest.regime.Fixtures.bar;
import static io.backtest.regime.Fixtures.publish;
import static io.backtest.regime.Fixtures.symbol;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The windows API: paging, lookups, and problem+json for every bad request. */
@QuarkusTest
class MarketWindowResourceTest {
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  @Test
  void pagesListEveryWindowOnceOrderedBySymbolThenTimeframe() {
    String base = symbol("PG");
    List<String> mine = List.of(base + "A/1d", base + "A/1h", base + "B/1d");
    for (String key : mine) {
      String[] parts = key.split("/");
      publish(bar(parts[0], parts[1], T0, 10.5));
    }
    for (String key : mine) {
      String[] parts = key.split("/");
      awaitWindow(parts[0], parts[1], w -> true);
    }

    Comparator<String> bySymbolThenTimeframe =
        Comparator.comparing((String k) -> k.split("/")[0]).thenComparing(k -> k.split("/")[1]);
    assertThat(everyWindow(null))
        .containsAll(mine)
        .isSortedAccordingTo(bySymbolThenTimeframe)
        .isEqualTo(everyWindow("symbol,timeframe"));
    assertThat(everyWindow("-symbol,-timeframe"))
        .containsAll(mine)
        .isSortedAccordingTo(bySymbolThenTimeframe.reversed());
    assertThat(everyWindow("-symbol,timeframe"))
        .containsSubsequence(base + "B/1d", base + "A/1d", base + "A/1h");
  }

  /** Every window's key, read page by page in {@code sort}; checks each page's shape. */
  private static List<String> everyWindow(String sort) {
    List<String> listed = new ArrayList<>();
    long total = -1;
    for (int page = 0; ; page++) {
      var request = given().queryParam("page", page).queryParam("size", 2);
      if (sort != null) {
        request = request.queryParam("sort", sort);
      }
      JsonPath body =
          request
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
    assertThat(listed).hasSize((int) total).doesNotHaveDuplicates();
    return listed;
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
  @CsvSource({
    "page, -1, must be an integer >= 0",
    "page, first, must be an integer >= 0",
    "size, 0, must be an integer between 1 and 100",
    "size, 101, must be an integer between 1 and 100",
    "size, many, must be an integer between 1 and 100",
    "sort, volatility, 'must be one of symbol, timeframe, bars, from, to (a leading -'"
  })
  void pageSizeOrSortOutOfRangeIsABadRequestNamingTheParameter(
      String name, String value, String reason) {
    given()
        .queryParam(name, value)
        .get("/api/v1/market/windows")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(name))
        .body("errors[0].reason", containsString(reason));
  }

  @Test
  void pageBeyondEveryRowIsEmpty() {
    given()
        .queryParam("page", Integer.MAX_VALUE)
        .queryParam("size", 100)
        .get("/api/v1/market/windows")
        .then()
        .statusCode(200)
        .body("page", equalTo(Integer.MAX_VALUE))
        .body("items", empty());
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
    String symbol = symbol("LIM");
    for (int i = 0; i < 3; i++) {
      publish(bar(symbol, "1m", T0.plusSeconds(60L * i), 10 + i));
    }
    awaitWindow(symbol, "1m", w -> w.getInt("bars") == 3);
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

package io.backtest.regime.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The regimes API's answers to bad and unknown requests. */
@QuarkusTest
class RegimeResourceTest {

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/regimes/current", "/api/v1/regimes/history"})
  void missingSymbolIsABadRequestNamingIt(String path) {
    given()
        .get(path)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("symbol"))
        .body("errors[0].reason", equalTo("is required"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "current | symbol    | AA PL | must be 1 to 64 letters",
        "current | symbol    | -AAPL | must be 1 to 64 letters",
        "current | timeframe | 1week | '1week' is not supported",
        "history | symbol    | A;B   | must be 1 to 64 letters",
        "history | timeframe | 0m    | '0m' is not supported",
        "history | detector  | macd  | must be one of volatility, trend, hmm but was 'macd'",
        "history | page      | -1    | must be an integer >= 0",
        "history | size      | 101   | must be an integer between 1 and 100",
        "history | size      | many  | must be an integer between 1 and 100",
        "history | sort      | -from | must be one of barTime, changedAt (a leading - sorts"
      })
  void badParameterIsABadRequestNamingIt(
      String endpoint, String name, String value, String reason) {
    var request = given().queryParam(name, value);
    if (!name.equals("symbol")) {
      request = request.queryParam("symbol", "AAPL");
    }
    request
        .get("/api/v1/regimes/" + endpoint)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(name))
        .body("errors[0].reason", containsString(reason));
  }

  @ParameterizedTest
  @CsvSource({"NOSUCHSYMBOL, ''", "NOSUCHSYMBOL, 1h"})
  void symbolWithoutBarsIsANotFoundProblem(String symbol, String timeframe) {
    given()
        .queryParam("symbol", symbol)
        .queryParam("timeframe", timeframe)
        .get("/api/v1/regimes/current")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("NOSUCHSYMBOL"));
  }
}

package io.backtest.monitoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alerts list's shape, and problem+json for every bad parameter. */
@QuarkusTest
class AlertResourceTest {

  @Test
  void unfilteredListIsTheFirstPageOfFifty() {
    given()
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(200)
        .body("page", equalTo(0))
        .body("size", equalTo(50))
        .body("total", notNullValue())
        .body("items", notNullValue());
  }

  @Test
  void filtersThatMatchNothingGiveAnEmptyPage() {
    given()
        .queryParam("strategyId", UUID.randomUUID())
        .queryParam("from", "2020-01-01T00:00:00Z")
        .queryParam("to", "2030-01-01T00:00:00Z")
        .queryParam("size", 10)
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(200)
        .body("total", equalTo(0))
        .body("size", equalTo(10))
        .body("items.size()", equalTo(0));
  }

  @ParameterizedTest
  @CsvSource({
    "strategyId, 42, must be a UUID",
    "severity, FATAL, must be one of INFO, WARNING, CRITICAL",
    "from, yesterday, must be an ISO-8601 instant",
    "to, 2026-13-01, must be an ISO-8601 instant",
    "page, -1, must be an integer >= 0",
    "size, 0, must be an integer between 1 and 100",
    "size, 101, must be an integer between 1 and 100"
  })
  void badParameterIsABadRequestNamingIt(String name, String value, String reason) {
    given()
        .queryParam(name, value)
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(name))
        .body("errors[0].reason", containsString(reason));
  }

  @Test
  void emptyTimeRangeIsABadRequestNamingTo() {
    given()
        .queryParam("from", "2026-01-05T00:00:00Z")
        .queryParam("to", "2026-01-05T00:00:00Z")
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("to"))
        .body("errors[0].reason", containsString("must be after from"));
  }

  @ParameterizedTest
  @CsvSource({"-1", "5001", "many"})
  void pointsOutOfRangeIsABadRequestNamingIt(String value) {
    given()
        .queryParam("points", value)
        .get("/api/v1/monitoring/strategies/{id}", UUID.randomUUID())
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("points"))
        .body("errors[0].reason", containsString("must be an integer between 0 and 5000"));
  }
}

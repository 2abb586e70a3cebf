package io.backtest.monitoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alerts list's shape, and problem+json for every bad parameter. */
@QuarkusTest
class AlertResourceTest {
  @Inject Pool database;

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
    "size, 101, must be an integer between 1 and 100",
    "sort, kind, 'must be one of raisedAt, severity (a leading - sorts descending'"
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
  void alertsSortBySeverityAndTimeBothWays() {
    String symbol = "SORT" + UUID.randomUUID().toString().substring(0, 8);
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    // raised in this order: WARNING, CRITICAL, INFO
    List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    List<String> severities = List.of("WARNING", "CRITICAL", "INFO");
    for (int i = 0; i < ids.size(); i++) {
      database
          .preparedQuery(
              "insert into alert (alert_id, severity, kind, symbol, message, details, raised_at,"
                  + " event_id) values ($1, $2, 'drift', $3, 'test', '{}', $4, $5)")
          .execute(
              Tuple.of(
                  ids.get(i),
                  severities.get(i),
                  symbol,
                  t0.plusSeconds(i).atOffset(ZoneOffset.UTC),
                  UUID.randomUUID()))
          .await()
          .indefinitely();
    }
    Map<String, List<UUID>> expected =
        Map.of(
            "-severity", List.of(ids.get(1), ids.get(0), ids.get(2)),
            "severity", List.of(ids.get(2), ids.get(0), ids.get(1)),
            "raisedAt", ids,
            "-raisedAt", ids.reversed(),
            // the default: newest first
            "", ids.reversed());
    expected.forEach(
        (sort, order) ->
            given()
                .queryParam("symbol", symbol)
                .queryParam("sort", sort)
                .get("/api/v1/monitoring/alerts")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.alertId", contains(order.stream().map(UUID::toString).toArray())));
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

package io.backtest.monitoring.rest;

import static io.backtest.monitoring.SampleEvents.T0;
import static io.backtest.monitoring.SampleEvents.demoted;
import static io.backtest.monitoring.SampleEvents.promoted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.contracts.EventCatalog;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The monitoring API: filters, paging, lookups, and problem+json for every bad request. */
@QuarkusTest
class DeploymentResourceTest {
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

  private static int status(UUID id) {
    return given().get("/api/v1/monitoring/strategies/{id}", id).statusCode();
  }

  /** Every strategy id of a status, read page by page; checks each page's shape on the way. */
  private static List<String> allOf(String status, int size) {
    List<String> ids = new ArrayList<>();
    long total = -1;
    for (int page = 0; ; page++) {
      JsonPath body =
          given()
              .queryParam("status", status)
              .queryParam("page", page)
              .queryParam("size", size)
              .get("/api/v1/monitoring/strategies")
              .then()
              .statusCode(200)
              .body("page", equalTo(page))
              .body("size", equalTo(size))
              .extract()
              .jsonPath();
      total = body.getLong("total");
      List<String> items = body.getList("items.strategyId");
      assertThat(body.getList("items.status", String.class)).allMatch(status::equals);
      if (items.isEmpty()) {
        break;
      }
      assertThat(items).hasSizeLessThanOrEqualTo(size);
      ids.addAll(items);
    }
    assertThat(ids).hasSize((int) total).doesNotHaveDuplicates();
    return ids;
  }

  @Test
  void listFiltersByStatusAndPagesThroughEveryStrategyOnce() {
    UUID watched = UUID.randomUUID();
    UUID stopped = UUID.randomUUID();
    kafka.publish(
        EventCatalog.STRATEGY_PROMOTED, watched.toString(), promoted(watched, T0, 1.0), "c");
    kafka.publish(
        EventCatalog.STRATEGY_DEMOTED, stopped.toString(), demoted(stopped, T0, "cap"), "c");
    await().atMost(WAIT).until(() -> status(watched) == 200 && status(stopped) == 200);

    List<String> watching = allOf("WATCHING", 2);
    List<String> stoppedIds = allOf("STOPPED", 2);
    assertThat(watching).contains(watched.toString()).doesNotContain(stopped.toString());
    assertThat(stoppedIds).contains(stopped.toString()).doesNotContain(watched.toString());
    long all =
        given()
            .get("/api/v1/monitoring/strategies")
            .then()
            .statusCode(200)
            .body("page", equalTo(0))
            .body("size", equalTo(20))
            .extract()
            .jsonPath()
            .getLong("total");
    assertThat(all).isEqualTo(watching.size() + stoppedIds.size());
  }

  @ParameterizedTest
  @CsvSource({"page, -1", "page, 21474837", "page, one", "size, 0", "size, 101", "size, lots"})
  void pageOrSizeOutOfRangeIsABadRequestNamingTheParameter(String name, String value) {
    given()
        .queryParam(name, value)
        .get("/api/v1/monitoring/strategies")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(name))
        .body("errors[0].reason", containsString("must be an integer between"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"LIVE", "watching", "*"})
  void unknownStatusIsABadRequestNamingIt(String value) {
    given()
        .queryParam("status", value)
        .get("/api/v1/monitoring/strategies")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("status"))
        .body("errors[0].reason", containsString("must be WATCHING or STOPPED"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "not-a-uuid", "1-2-3-4-5"})
  void malformedStrategyIdIsABadRequestNamingIt(String value) {
    given()
        .get("/api/v1/monitoring/strategies/{id}", value)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("strategyId"))
        .body("errors[0].reason", containsString("must be a UUID"));
  }

  @Test
  void unknownStrategyIsANotFoundProblem() {
    UUID id = UUID.randomUUID();
    given()
        .get("/api/v1/monitoring/strategies/{id}", id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Strategy " + id + " does not exist"));
  }
}

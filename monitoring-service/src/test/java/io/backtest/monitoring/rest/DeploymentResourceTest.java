package io.backtest.monitoring.rest;

import static io.backtest.monitoring.Fixtures.awaitStrategy;
import static io.backtest.monitoring.Fixtures.publish;
import static io.backtest.monitoring.SampleEvents.T0;
import static io.backtest.monitoring.SampleEvents.demoted;
import static io.backtest.monitoring.SampleEvents.promoted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The monitoring API: filters, paging, lookups, and problem+json for every bad request. */
@QuarkusTest
class DeploymentResourceTest {

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
    publish(promoted(watched, T0, 1.0));
    publish(demoted(stopped, T0, "cap"));
    awaitStrategy(watched, j -> true);
    awaitStrategy(stopped, j -> true);

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
  @CsvSource({
    "page, -1, must be an integer >= 0",
    "page, one, must be an integer >= 0",
    "size, 0, must be an integer between 1 and 100",
    "size, 101, must be an integer between 1 and 100",
    "size, lots, must be an integer between 1 and 100",
    "sort, rank, 'must be one of since, status, score, stoppedAt (a leading - sorts descending'"
  })
  void pageSizeOrSortOutOfRangeIsABadRequestNamingTheParameter(
      String name, String value, String reason) {
    given()
        .queryParam(name, value)
        .get("/api/v1/monitoring/strategies")
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
        .get("/api/v1/monitoring/strategies")
        .then()
        .statusCode(200)
        .body("page", equalTo(Integer.MAX_VALUE))
        .body("items", empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"LIVE", "watch", "*"})
  void unknownStatusIsABadRequestNamingIt(String value) {
    given()
        .queryParam("status", value)
        .get("/api/v1/monitoring/strategies")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("status"))
        .body("errors[0].reason", containsString("must be one of WATCHING, DRIFTED, STOPPED"));
  }

  @Test
  void statusIsCaseInsensitive() {
    given()
        .queryParam("status", "watching")
        .get("/api/v1/monitoring/strategies")
        .then()
        .statusCode(200)
        .body("items.status", everyItem(equalTo("WATCHING")));
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
  void listSortsByPromotionTimeBothWays() {
    UUID earlier = UUID.randomUUID();
    UUID later = UUID.randomUUID();
    publish(promoted(earlier, T0.minus(Duration.ofDays(30)), 1.0));
    publish(promoted(later, T0.minus(Duration.ofDays(29)), 1.0));
    awaitStrategy(earlier, j -> true);
    awaitStrategy(later, j -> true);

    for (String sort : List.of("since", "-since")) {
      JsonPath body =
          given()
              .queryParam("status", "WATCHING")
              .queryParam("sort", sort)
              .queryParam("size", 100)
              .get("/api/v1/monitoring/strategies")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<Instant> since =
          body.getList("items.since", String.class).stream().map(Instant::parse).toList();
      List<String> ids = body.getList("items.strategyId", String.class);
      if (sort.equals("since")) {
        assertThat(since).isSorted();
        assertThat(ids).containsSubsequence(earlier.toString(), later.toString());
      } else {
        assertThat(since).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ids).containsSubsequence(later.toString(), earlier.toString());
      }
    }
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

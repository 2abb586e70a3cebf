package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.backtest.strategy.Fixtures;
import io.backtest.strategy.LiveSetFixtures;
import io.backtest.strategy.LiveSetFixtures.SeededCycle;
import io.backtest.strategy.LiveSetProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every list sorts by the fields it names, both ways, and refuses any other with a problem naming
 * {@code sort}. Runs in the application of the tests that seed cycles straight into the database.
 */
@QuarkusTest
@TestProfile(LiveSetProfile.class)
class ListSortTest {

  private static JsonPath list(String path, Map<String, ?> query) {
    return given().queryParams(query).get(path).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void everyListRefusesAnUnknownSortNamingItsFields() {
    Map<String, String> allowed =
        Map.of(
            "/api/v1/strategies", "createdAt, score, rank, status, promotedAt",
            "/api/v1/cycles", "createdAt, status, completedAt",
            "/api/v1/datasets", "id, symbol, barCount, from, to, createdAt",
            "/api/v1/datasets/aapl-1d-2013/bars", "time",
            "/api/v1/deployments/history", "seq, at",
            "/api/v1/market/replay", "startedAt, finishedAt, status");
    allowed.forEach(
        (path, fields) ->
            given()
                .queryParam("sort", "-name; drop table strategy")
                .get(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("sort"))
                .body(
                    "errors.reason",
                    contains(
                        "must be one of "
                            + fields
                            + " (a leading - sorts descending; several comma-separated) but was"
                            + " '-name; drop table strategy'")));
    given()
        .queryParam("sort", "score,-score")
        .get("/api/v1/strategies")
        .then()
        .statusCode(400)
        .body("errors.reason", contains("names score twice"));
  }

  @Test
  void strategiesSortByScoreAndRankBothWaysUnscoredLast() {
    SeededCycle c = LiveSetFixtures.seedCycle(4);
    double[] scores = {0.2, 0.9, 0.5};
    int[] ranks = {3, 1, 2};
    for (int i = 0; i < scores.length; i++) {
      Fixtures.execute(
          "update strategy set score = ?, rank = ? where id = ?",
          scores[i],
          ranks[i],
          c.strategy(i));
    }
    String unscored = c.strategy(3).toString();
    Map<String, Object> cycle = Map.of("cycleId", c.cycleId().toString());

    // by default: newest cycle first (one cycle here), then by rank
    assertThat(list("/api/v1/strategies", cycle).getList("items.id", String.class))
        .containsExactlyElementsOf(ids(c, 1, 2, 0, 3));
    assertThat(ids("/api/v1/strategies", cycle, "-score"))
        .containsExactlyElementsOf(ids(c, 1, 2, 0, 3));
    assertThat(ids("/api/v1/strategies", cycle, "score"))
        .containsExactlyElementsOf(ids(c, 0, 2, 1, 3));
    assertThat(ids("/api/v1/strategies", cycle, "-rank"))
        .containsExactlyElementsOf(ids(c, 0, 2, 1, 3));
    assertThat(ids("/api/v1/strategies", cycle, "score").getLast()).isEqualTo(unscored);

    // ties (one status, one creation time) are broken by id, the same way on every page
    List<String> byStatus = ids("/api/v1/strategies", cycle, "status,createdAt");
    assertThat(byStatus).isSortedAccordingTo(Comparator.naturalOrder());
    List<String> paged = new ArrayList<>();
    for (int page = 0; page < 2; page++) {
      Map<String, Object> query = new HashMap<>(cycle);
      query.putAll(Map.of("sort", "status,createdAt", "page", page, "size", 2));
      paged.addAll(list("/api/v1/strategies", query).getList("items.id", String.class));
    }
    assertThat(paged).isEqualTo(byStatus);
  }

  @Test
  void cyclesAndReplaysSortByTimeBothWays() {
    LiveSetFixtures.seedCycle(1);
    LiveSetFixtures.seedCycle(1);
    List<Instant> oldest = times("/api/v1/cycles", "createdAt", "items.createdAt");
    assertThat(oldest).hasSizeGreaterThanOrEqualTo(2).isSorted();
    assertThat(times("/api/v1/cycles", "-createdAt", "items.createdAt"))
        .isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(times("/api/v1/market/replay", "startedAt", "items.startedAt")).isSorted();
    assertThat(times("/api/v1/market/replay", "-startedAt", "items.startedAt"))
        .isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void datasetsSortByBarCountBothWaysAndBarsNewestFirst() {
    List<Integer> fewest =
        list("/api/v1/datasets", Map.of("sort", "barCount", "size", 100))
            .getList("items.barCount", Integer.class);
    assertThat(fewest).hasSizeGreaterThanOrEqualTo(3).isSorted();
    assertThat(
            list("/api/v1/datasets", Map.of("sort", "-barCount", "size", 100))
                .getList("items.barCount", Integer.class))
        .isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(
            list("/api/v1/datasets", Map.of("sort", "-id", "size", 100))
                .getList("items.id", String.class))
        .isSortedAccordingTo(Comparator.reverseOrder());

    // 252 bars of 2013, newest first: the last bar, then back to the first on the third page
    given()
        .queryParam("sort", "-time")
        .queryParam("size", 2)
        .get("/api/v1/datasets/aapl-1d-2013/bars")
        .then()
        .statusCode(200)
        .body("total", equalTo(252))
        .body("items.seq", contains(251, 250))
        .body("items[0].time", startsWith("2013-12-31"));
    given()
        .queryParam("sort", "-time")
        .queryParam("page", 2)
        .queryParam("size", 100)
        .get("/api/v1/datasets/aapl-1d-2013/bars")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(52))
        .body("items[51].seq", equalTo(0))
        .body("items[51].time", startsWith("2013-01-02"));
  }

  private static List<String> ids(SeededCycle c, int... indexes) {
    return Arrays.stream(indexes).mapToObj(i -> c.strategy(i).toString()).toList();
  }

  private static List<String> ids(String path, Map<String, Object> filter, String sort) {
    Map<String, Object> query = new HashMap<>(filter);
    query.put("sort", sort);
    return list(path, query).getList("items.id", String.class);
  }

  private static List<Instant> times(String path, String sort, String field) {
    return list(path, Map.of("sort", sort, "size", 100)).getList(field, String.class).stream()
        .map(Instant::parse)
        .toList();
  }
}

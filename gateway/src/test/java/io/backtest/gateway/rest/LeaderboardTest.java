package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.gateway.Tokens;
import io.backtest.gateway.cache.ReadCache;
import io.backtest.gateway.service.LeaderboardService;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.backtest.support.http.PageRequest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Leaderboards through the gateway, completed ones cached in the real Redis. */
@QuarkusTest
class LeaderboardTest {
  @InjectStubs DownstreamStubs stubs;

  @Inject RedisDataSource redis;

  @Inject ReadCache cache;

  /**
   * The gateway does not re-map the ranking: every member scoring-service answers (per line the
   * statistics the score came from, per cycle the trials, the overfitting diagnostics and the
   * weights) reaches the caller as answered, whether read through or from the cache.
   */
  @Test
  void rankingWithItsStatisticsAndDiagnosticsPassesThroughUnchanged() throws Exception {
    UUID cycleId = UUID.randomUUID();
    scoringAnswers(cycleId, "COMPLETED", 0, 5);
    ObjectMapper json = new ObjectMapper();
    var answered =
        json.readTree(
            Canned.json(
                "scoring/leaderboard.json",
                Map.of("id", cycleId, "status", "COMPLETED", "page", 0, "size", 5)));

    for (String cache : new String[] {"MISS", "HIT"}) {
      String body =
          read(cycleId, 0, 5).statusCode(200).header("X-Cache", cache).extract().asString();
      assertThat(json.readTree(body)).as("page (%s)", cache).isEqualTo(answered);
    }
    read(cycleId, 0, 5)
        .body("trials", equalTo(4221))
        .body("overfitting.pbo", equalTo(0.31f))
        .body("overfitting.probabilityOfOosLoss", equalTo(0.08f))
        .body("overfitting.degradationSlope", equalTo(-0.42f))
        .body("weights.deflatedSharpe", equalTo(0.6f))
        .body("items[0].statistics.deflatedSharpe", equalTo(0.41f))
        .body("items[0].statistics.probabilisticSharpe", equalTo(0.83f))
        .body("items[0].statistics.tStatistic", equalTo(0.96f))
        .body("items[1].statistics.foldConsistency", equalTo(null));
  }

  @Test
  void completedLeaderboardIsServedFromRedisForAnHour() {
    UUID cycleId = UUID.randomUUID();
    scoringAnswers(cycleId, "COMPLETED", 0, 10);
    String key = cache.entriesKey(cache.leaderboard(cycleId));

    read(cycleId, 0, 10)
        .statusCode(200)
        .header("X-Cache", "MISS")
        .body("status", equalTo("COMPLETED"))
        .body("items.rank", contains(1, 2))
        .body("items.promoted", contains(true, false))
        .body("size", equalTo(10));
    assertThat(cached(cycleId, 0, 10)).isTrue();
    // gateway.cache.leaderboard-ttl: 1 h by default
    assertThat(redis.key().ttl(key)).isBetween(3_500L, 3_600L);

    read(cycleId, 0, 10)
        .statusCode(200)
        .contentType("application/json")
        .header("X-Cache", "HIT")
        .body("cycleId", equalTo(cycleId.toString()))
        .body(
            "items.strategyId",
            contains(
                "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"));

    assertThat(stubs.scoring().requests("GET", path(cycleId))).hasSize(1);
  }

  /** Before COMPLETED the promoted flags are not final (SCORED and TIMED_OUT included). */
  @ParameterizedTest
  @ValueSource(strings = {"SCORING", "SCORED", "TIMED_OUT"})
  void rankingNotYetCompletedIsNeverCached(String status) {
    UUID cycleId = UUID.randomUUID();
    scoringAnswers(cycleId, status, 0, 20);

    for (int read = 0; read < 2; read++) {
      read(cycleId, 0, 20)
          .statusCode(200)
          .header("X-Cache", "MISS")
          .body("status", equalTo(status));
    }

    assertThat(cached(cycleId, 0, 20)).isFalse();
    assertThat(stubs.scoring().requests("GET", path(cycleId))).hasSize(2);
  }

  @Test
  void pagesAreCachedApart() {
    UUID cycleId = UUID.randomUUID();
    scoringAnswers(cycleId, "COMPLETED", 1, 1);

    read(cycleId, 1, 1).statusCode(200).header("X-Cache", "MISS");
    read(cycleId, 0, 1).statusCode(200).header("X-Cache", "MISS");

    assertThat(stubs.scoring().requests("GET", path(cycleId)))
        .extracting(r -> Set.of(r.query().split("&")))
        .containsExactly(Set.of("page=1", "size=1"), Set.of("page=0", "size=1"));
    assertThat(cached(cycleId, 1, 1)).isTrue();
    assertThat(cached(cycleId, 0, 1)).isTrue();
  }

  @Test
  void unknownCycleIsScoringServicesNotFound() {
    UUID cycleId = UUID.randomUUID();
    stubs
        .scoring()
        .answer(
            "GET",
            path(cycleId),
            Answer.problem(404, "Not Found", "cycle " + cycleId + " has no scores"));

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .get(path(cycleId))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("cycle " + cycleId + " has no scores"))
        .body("instance", equalTo(path(cycleId)));
    assertThat(cached(cycleId, 0, 20)).isFalse();
  }

  private static String path(UUID cycleId) {
    return "/api/v1/cycles/" + cycleId + "/leaderboard";
  }

  private static ValidatableResponse read(UUID cycleId, int page, int size) {
    return given()
        .auth()
        .oauth2(Tokens.viewer())
        .queryParam("page", page)
        .queryParam("size", size)
        .get(path(cycleId))
        .then();
  }

  /** What scoring-service answers for the cycle's leaderboard (its canned ranking of two). */
  private void scoringAnswers(UUID cycleId, String status, int page, int size) {
    stubs
        .scoring()
        .answer(
            "GET",
            path(cycleId),
            Answer.json(
                200,
                Canned.json(
                    "scoring/leaderboard.json",
                    Map.of("id", cycleId, "status", status, "page", page, "size", size))));
  }

  /** Whether the page is an entry of the cycle's region in Redis. */
  private boolean cached(UUID cycleId, int page, int size) {
    return redis
        .hash(String.class)
        .hexists(
            cache.entriesKey(cache.leaderboard(cycleId)),
            LeaderboardService.field(new PageRequest(page, size)));
  }
}

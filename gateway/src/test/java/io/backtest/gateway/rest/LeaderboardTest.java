package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Leaderboards through the gateway, finished ones cached in the real Redis. */
@QuarkusTest
class LeaderboardTest {
  @InjectStubs DownstreamStubs stubs;

  @Inject RedisDataSource redis;

  @Test
  void finishedLeaderboardIsServedFromRedisOnTheSecondRead() {
    UUID cycleId = UUID.randomUUID();
    String path = "/api/v1/cycles/" + cycleId + "/leaderboard";
    scoringAnswers(cycleId, "SCORED", 0, 10);
    String key = keyPrefix() + "leaderboard:" + cycleId + ":0:10";

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .queryParam("size", 10)
        .get(path)
        .then()
        .statusCode(200)
        .header("X-Cache", "MISS")
        .body("status", equalTo("SCORED"))
        .body("items.rank", contains(1, 2))
        .body("items[0].promoted", equalTo(true))
        .body("size", equalTo(10));
    assertThat(redis.key().exists(key)).isTrue();
    // the TTL bounds how late a changed promoted flag can be seen
    assertThat(redis.key().ttl(key)).isBetween(1L, 30L);

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .queryParam("size", 10)
        .get(path)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header("X-Cache", "HIT")
        .body("cycleId", equalTo(cycleId.toString()))
        .body(
            "items.strategyId",
            contains(
                "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"));

    assertThat(stubs.scoring().requests("GET", path)).hasSize(1);
  }

  @Test
  void timedOutRankingIsFinishedToo() {
    UUID cycleId = UUID.randomUUID();
    scoringAnswers(cycleId, "TIMED_OUT", 0, 20);

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .get("/api/v1/cycles/" + cycleId + "/leaderboard")
        .then()
        .statusCode(200)
        .header("X-Cache", "MISS");

    assertThat(redis.key().exists(keyPrefix() + "leaderboard:" + cycleId + ":0:20")).isTrue();
  }

  @Test
  void rankingStillBeingScoredIsNeverCached() {
    UUID cycleId = UUID.randomUUID();
    String path = "/api/v1/cycles/" + cycleId + "/leaderboard";
    scoringAnswers(cycleId, "SCORING", 0, 20);

    for (int read = 0; read < 2; read++) {
      given()
          .auth()
          .oauth2(Tokens.viewer())
          .get(path)
          .then()
          .statusCode(200)
          .header("X-Cache", "MISS")
          .body("status", equalTo("SCORING"));
    }

    assertThat(redis.key().exists(keyPrefix() + "leaderboard:" + cycleId + ":0:20")).isFalse();
    assertThat(stubs.scoring().requests("GET", path)).hasSize(2);
  }

  @Test
  void pagesAreCachedApart() {
    UUID cycleId = UUID.randomUUID();
    String path = "/api/v1/cycles/" + cycleId + "/leaderboard";
    scoringAnswers(cycleId, "SCORED", 1, 1);

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .queryParam("page", 1)
        .queryParam("size", 1)
        .get(path)
        .then()
        .statusCode(200)
        .header("X-Cache", "MISS");
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .queryParam("page", 0)
        .queryParam("size", 1)
        .get(path)
        .then()
        .statusCode(200)
        .header("X-Cache", "MISS");

    assertThat(stubs.scoring().requests("GET", path))
        .extracting(r -> Set.of(r.query().split("&")))
        .containsExactly(Set.of("page=1", "size=1"), Set.of("page=0", "size=1"));
    assertThat(redis.key().exists(keyPrefix() + "leaderboard:" + cycleId + ":1:1")).isTrue();
    assertThat(redis.key().exists(keyPrefix() + "leaderboard:" + cycleId + ":0:1")).isTrue();
  }

  @Test
  void unknownCycleIsScoringServicesNotFound() {
    UUID cycleId = UUID.randomUUID();
    stubs
        .scoring()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId + "/leaderboard",
            Answer.problem(404, "Not Found", "cycle " + cycleId + " has no scores"));

    given()
        .auth()
        .oauth2(Tokens.viewer())
        .get("/api/v1/cycles/" + cycleId + "/leaderboard")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("cycle " + cycleId + " has no scores"))
        .body("instance", equalTo("/api/v1/cycles/" + cycleId + "/leaderboard"));
    assertThat(redis.key().exists(keyPrefix() + "leaderboard:" + cycleId + ":0:20")).isFalse();
  }

  private void scoringAnswers(UUID cycleId, String status, int page, int size) {
    stubs
        .scoring()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId + "/leaderboard",
            Answer.json(
                200,
                Canned.json(
                    "scoring/leaderboard.json",
                    Map.of("id", cycleId, "status", status, "page", page, "size", size))));
  }

  private static String keyPrefix() {
    return ConfigProvider.getConfig()
        .getOptionalValue("backtest.key-prefix", String.class)
        .orElse("");
  }
}

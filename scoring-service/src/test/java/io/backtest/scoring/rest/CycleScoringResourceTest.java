package io.backtest.scoring.rest;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.idStartingWith;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.scoring.KafkaTestBase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/cycles/{id}/leaderboard} and {@code /api/v1/cycles/{id}/scoring}. */
@QuarkusTest
class CycleScoringResourceTest extends KafkaTestBase {

  @Test
  void leaderboardPagesThroughTheWholeCycleRankingWhileResultsAreStillComing() {
    UUID cycleId = UUID.randomUUID();
    // two equal scores: byte order of the ids decides, 0… before f…
    UUID best = UUID.randomUUID();
    UUID tieFirst = idStartingWith('0');
    UUID tieSecond = idStartingWith('f');
    UUID fourth = UUID.randomUUID();
    UUID last = UUID.randomUUID();
    UUID pending = UUID.randomUUID();
    startCycle(cycleId, List.of(best, tieFirst, tieSecond, fourth, last, pending));
    // 2.0 × 0.75 = 1.5; 0.625 × 0.8 = 0.5; 1.0 × 0.5 = 0.5; 0.3 × 1 = 0.3; −0.5 × 0.8 = −0.4
    publishResult(cycleId, tieSecond, 1.0, 0.5, 5);
    publishResult(cycleId, last, -0.5, 0.2, 5);
    publishResult(cycleId, best, 2.0, 0.25, 5);
    publishResult(cycleId, fourth, 0.3, 0.0, 5);
    publishResult(cycleId, tieFirst, 0.625, 0.2, 5);

    await()
        .atMost(WAIT)
        .until(
            () -> {
              var response = given().get("/api/v1/cycles/{id}/leaderboard", cycleId);
              return response.statusCode() == 200
                  && response.jsonPath().getInt("total") == 5
                  && Integer.valueOf(6).equals(response.jsonPath().get("expected"));
            });

    given()
        .queryParam("page", 0)
        .queryParam("size", 2)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCORING"))
        .body("expected", equalTo(6))
        .body("scored", equalTo(5))
        .body("failed", equalTo(0))
        .body("page", equalTo(0))
        .body("size", equalTo(2))
        .body("total", equalTo(5))
        .body("items.rank", equalTo(List.of(1, 2)))
        .body("items.strategyId", equalTo(List.of(best.toString(), tieFirst.toString())))
        .body("items.score", equalTo(List.of(1.5, 0.5)));
    given()
        .queryParam("page", 1)
        .queryParam("size", 2)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("items.rank", equalTo(List.of(3, 4)))
        .body("items.strategyId", equalTo(List.of(tieSecond.toString(), fourth.toString())))
        .body("items.score", equalTo(List.of(0.5, 0.3)));
    given()
        .queryParam("page", 2)
        .queryParam("size", 2)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("items.rank", equalTo(List.of(5)))
        .body("items.strategyId", equalTo(List.of(last.toString())))
        .body("items.score", equalTo(List.of(-0.4)));
    given()
        .queryParam("page", 3)
        .queryParam("size", 2)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("items", empty())
        .body("total", equalTo(5));
    // far past the end, where page × size overflows an int: still just an empty page
    given()
        .queryParam("page", Integer.MAX_VALUE)
        .queryParam("size", 100)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("items", empty())
        .body("page", equalTo(Integer.MAX_VALUE))
        .body("total", equalTo(5));

    // a scorecard's rank is the same position
    given()
        .get("/api/v1/strategies/{id}/scorecard", tieSecond)
        .then()
        .statusCode(200)
        .body("rank", equalTo(3));
    given()
        .get("/api/v1/cycles/{id}/scoring", cycleId)
        .then()
        .statusCode(200)
        .body("cycleId", equalTo(cycleId.toString()))
        .body("status", equalTo("SCORING"))
        .body("expected", equalTo(6))
        .body("scored", equalTo(5))
        .body("failed", equalTo(0))
        .body("startedAt", equalTo("2026-03-02T09:00:00Z"))
        .body("scoredAt", nullValue())
        .body("completedAt", nullValue());
  }

  @Test
  void malformedCycleIdIsABadRequestNamingThePathParameter() {
    for (String path :
        List.of("/api/v1/cycles/not-a-uuid/leaderboard", "/api/v1/cycles/12345/scoring")) {
      given()
          .get(path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("status", equalTo(400))
          .body("instance", equalTo(path))
          .body("errors[0].field", equalTo("id"))
          .body("errors[0].reason", containsString("must be a UUID"));
    }
  }

  @Test
  void pageAndSizeOutsideTheirRangesAreBadRequestsNamingTheField() {
    UUID cycleId = UUID.randomUUID();
    badQuery(cycleId, "page", "-1", "must be an integer >= 0 but was -1");
    badQuery(cycleId, "page", "first", "must be an integer >= 0 but was 'first'");
    badQuery(cycleId, "size", "0", "must be an integer between 1 and 100 but was 0");
    badQuery(cycleId, "size", "101", "must be an integer between 1 and 100 but was 101");
    badQuery(cycleId, "size", "2.5", "must be an integer between 1 and 100 but was '2.5'");
  }

  @Test
  void unknownCycleIsNotFound() {
    UUID cycleId = UUID.randomUUID();
    for (String endpoint : List.of("leaderboard", "scoring")) {
      given()
          .get("/api/v1/cycles/{id}/" + endpoint, cycleId)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("status", equalTo(404))
          .body("detail", equalTo("Cycle " + cycleId + " does not exist"))
          .body("correlationId", notNullValue());
    }
  }

  private static void badQuery(UUID cycleId, String name, String value, String reason) {
    given()
        .queryParam(name, value)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", equalTo(List.of(name)))
        .body("errors[0].reason", equalTo(reason));
  }
}

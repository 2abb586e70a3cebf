package io.backtest.scoring.rest;

import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.assertSameRanking;
import static io.backtest.scoring.ScoringFixtures.completed;
import static io.backtest.scoring.ScoringFixtures.expectedScore;
import static io.backtest.scoring.ScoringFixtures.idStartingWith;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.engine.selection.TrialHistory;
import io.backtest.scoring.KafkaTestBase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/cycles/{id}/leaderboard} and {@code /api/v1/cycles/{id}/scoring}. */
@QuarkusTest
class CycleScoringResourceTest extends KafkaTestBase {

  @Test
  void leaderboardIsEmptyWhileResultsAreComingThenPagesThroughTheWholeRanking() {
    UUID cycleId = UUID.randomUUID();
    // two identical results: equal scores, byte order of the ids decides, 0… before f…
    UUID best = UUID.randomUUID();
    UUID tieFirst = idStartingWith('0');
    UUID tieSecond = idStartingWith('f');
    UUID fourth = UUID.randomUUID();
    UUID last = UUID.randomUUID();
    UUID pending = UUID.randomUUID();
    startCycle(cycleId, List.of(best, tieFirst, tieSecond, fourth, last, pending));
    List<BacktestCompleted> results =
        List.of(
            completed(cycleId, tieSecond, 1.5, 0.2, 5),
            completed(cycleId, last, -1.5, 0.2, 5),
            completed(cycleId, best, 3.5, 0.2, 5),
            completed(cycleId, fourth, 0.5, 0.2, 5),
            completed(cycleId, tieFirst, 1.5, 0.2, 5));
    results.forEach(KafkaTestBase::publishResult);

    await()
        .atMost(WAIT)
        .until(
            () -> {
              var response = given().get("/api/v1/cycles/{id}/scoring", cycleId);
              return response.statusCode() == 200
                  && response.jsonPath().getInt("scored") == 5
                  && Integer.valueOf(6).equals(response.jsonPath().get("expected"));
            });
    // nothing is ranked before the whole cycle is in
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCORING"))
        .body("expected", equalTo(6))
        .body("scored", equalTo(5))
        .body("total", equalTo(0))
        .body("items", empty())
        .body("diagnostics", nullValue());
    given()
        .get("/api/v1/strategies/{id}/scorecard", tieSecond)
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING"))
        .body("score", nullValue())
        .body("rank", nullValue())
        .body("statistics", nullValue())
        .body("correlations", nullValue())
        .body("cycle", nullValue())
        .body("verdict.decided", equalTo(false))
        .body("verdict.reason", equalTo("not decided yet"))
        .body("formula", containsString("0.5 × deflatedSharpe"));
    given()
        .get("/api/v1/cycles/{id}/scoring", cycleId)
        .then()
        .statusCode(200)
        .body("cycleId", equalTo(cycleId.toString()))
        .body("status", equalTo("SCORING"))
        .body("failed", equalTo(0))
        .body("startedAt", equalTo("2026-03-02T09:00:00Z"))
        .body("scoredAt", nullValue())
        .body("completedAt", nullValue())
        .body("diagnostics", nullValue());

    publishFailure(cycleId, pending, "no bars");
    List<RankedStrategy> ranking = awaitCycleScored(cycleId).data().ranking();
    assertSameRanking(ranking, expectedScore(results, TrialHistory.NONE, 1).ranking());
    assertThat(ranking)
        .extracting(RankedStrategy::strategyId)
        .containsExactly(best, tieFirst, tieSecond, fourth, last);
    assertThat(ranking.get(1).score()).isEqualTo(ranking.get(2).score());

    given()
        .queryParam("page", 0)
        .queryParam("size", 2)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCORED"))
        .body("expected", equalTo(6))
        .body("scored", equalTo(5))
        .body("failed", equalTo(1))
        .body("page", equalTo(0))
        .body("size", equalTo(2))
        .body("total", equalTo(5))
        .body("diagnostics.cycleTrials", equalTo(6))
        .body("items.rank", equalTo(List.of(1, 2)))
        .body("items.strategyId", equalTo(List.of(best.toString(), tieFirst.toString())))
        .body("items.score", equalTo(scores(ranking, 0, 2)));
    given()
        .queryParam("page", 1)
        .queryParam("size", 2)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("items.rank", equalTo(List.of(3, 4)))
        .body("items.strategyId", equalTo(List.of(tieSecond.toString(), fourth.toString())))
        .body("items.score", equalTo(scores(ranking, 2, 4)));
    given()
        .queryParam("page", 2)
        .queryParam("size", 2)
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("items.rank", equalTo(List.of(5)))
        .body("items.strategyId", equalTo(List.of(last.toString())))
        .body("items.score", equalTo(scores(ranking, 4, 5)));
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
        .body("status", equalTo("RANKED"))
        .body("rank", equalTo(3));
  }

  private static List<Double> scores(List<RankedStrategy> ranking, int from, int to) {
    return ranking.subList(from, to).stream().map(RankedStrategy::score).toList();
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

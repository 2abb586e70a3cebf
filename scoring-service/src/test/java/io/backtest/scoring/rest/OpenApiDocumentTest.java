package io.backtest.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation is documented, with its summary and its error answers. */
@QuarkusTest
class OpenApiDocumentTest {

  @Test
  void everyOperationHasASummaryAndItsProblemAnswers() {
    var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    document
        .body(
            "paths.'/api/v1/cycles/{id}/leaderboard'.get.summary",
            equalTo("One page of a cycle's ranking"))
        .body(
            "paths.'/api/v1/cycles/{id}/leaderboard'.get.description",
            containsString("clamp(1 − maxDrawdown / 0.5, 0, 1)"))
        .body("paths.'/api/v1/cycles/{id}/leaderboard'.get.responses", hasKey("400"))
        .body("paths.'/api/v1/cycles/{id}/leaderboard'.get.responses", hasKey("404"))
        .body(
            "paths.'/api/v1/cycles/{id}/scoring'.get.summary",
            equalTo("A cycle's scoring progress"))
        .body("paths.'/api/v1/cycles/{id}/scoring'.get.responses", hasKey("404"))
        .body(
            "paths.'/api/v1/strategies/{id}/scorecard'.get.summary",
            equalTo("A strategy's scorecard"))
        .body("paths.'/api/v1/strategies/{id}/scorecard'.get.responses", hasKey("404"))
        .body(
            "paths.'/api/v1/strategies/{id}/scorecard'.get.responses.'404'.content",
            hasKey("application/problem+json"));
  }

  @Test
  void cycleStatusesAreDocumented() {
    var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    document
        .body(
            "components.schemas.CycleStatus.enum",
            contains("SCORING", "SCORED", "TIMED_OUT", "COMPLETED"))
        .body(
            "components.schemas.CycleScoring.properties.status.description",
            containsString("COMPLETED: cycle.completed recorded the promotion decision"))
        .body(
            "components.schemas.LeaderboardPage.properties.status.description",
            containsString("TIMED_OUT: results stopped arriving"))
        .body(
            "components.schemas.LeaderboardItem.properties.promoted.description",
            containsString("this cycle's decision"))
        .body("components.schemas.Scorecard.properties", hasKey("live"))
        .body("components.schemas.Scorecard.properties", hasKey("statistics"))
        .body("components.schemas.Scorecard.properties", hasKey("verdict"))
        .body("components.schemas.Scorecard.properties", hasKey("correlations"))
        .body("components.schemas.LeaderboardPage.properties", hasKey("diagnostics"))
        .body(
            "components.schemas.CycleDiagnostics.properties.trials.description",
            containsString("trial ledger"))
        .body("components.schemas.ResultStatus.enum", contains("PENDING", "RANKED", "LATE"));
  }
}

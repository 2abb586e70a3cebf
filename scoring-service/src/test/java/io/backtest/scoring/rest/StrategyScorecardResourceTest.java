package io.backtest.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.scoring.KafkaTestBase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/strategies/{id}/scorecard}. */
@QuarkusTest
class StrategyScorecardResourceTest extends KafkaTestBase {

  @Test
  void scorecardShowsScoreRankMetricsAndTheFormula() {
    UUID cycleId = UUID.randomUUID();
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    startCycle(cycleId, List.of(first, second));
    // 1.6 × (1 − 0.25) = 1.2 ranks above 1.25 × (1 − 0.2) = 1.0
    publishResult(cycleId, first, 1.6, 0.25, 14);
    publishResult(cycleId, second, 1.25, 0.2, 7);
    awaitCycleScored(cycleId);

    given()
        .get("/api/v1/strategies/{id}/scorecard", second)
        .then()
        .statusCode(200)
        .body("strategyId", equalTo(second.toString()))
        .body("cycleId", equalTo(cycleId.toString()))
        .body("template", equalTo("sma-crossover"))
        .body("parameters.fast", equalTo(10))
        .body("parameters.slow", equalTo(50))
        .body("score", equalTo(1.0))
        .body("rank", equalTo(2))
        .body("formula", equalTo("sharpe × (1 − maxDrawdown)"))
        .body("live", equalTo(false))
        .body("promotedAt", nullValue())
        .body("demotedAt", nullValue())
        .body("metrics.totalReturn", equalTo(1.25 / 5))
        .body("metrics.cagr", equalTo(1.25 / 7))
        .body("metrics.sharpe", equalTo(1.25))
        .body("metrics.sortino", equalTo(1.25 * 1.25))
        .body("metrics.maxDrawdown", equalTo(0.2))
        .body("metrics.volatility", equalTo(0.2))
        .body("metrics.tradeCount", equalTo(7))
        .body("metrics.winRate", equalTo(0.5))
        .body("metrics.profitFactor", equalTo(1.5))
        .body("metrics.exposure", equalTo(0.4))
        .body("metrics.barCount", equalTo(252));
    given()
        .get("/api/v1/strategies/{id}/scorecard", first)
        .then()
        .statusCode(200)
        .body("score", equalTo(1.2))
        .body("rank", equalTo(1));
  }

  @Test
  void unknownStrategyHasNoScorecard() {
    UUID strategyId = UUID.randomUUID();
    given()
        .get("/api/v1/strategies/{id}/scorecard", strategyId)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Scorecard of strategy " + strategyId + " does not exist"));
  }

  @Test
  void malformedStrategyIdIsABadRequestNamingThePathParameter() {
    given()
        .get("/api/v1/strategies/{id}/scorecard", "strategy-7")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("id"))
        .body("errors[0].reason", containsString("must be a UUID but was 'strategy-7'"));
  }
}

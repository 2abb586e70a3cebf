package io.backtest.scoring.rest;

import static io.backtest.scoring.ScoringFixtures.completed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.scoring.KafkaTestBase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/strategies/{id}/scorecard}. */
@QuarkusTest
class StrategyScorecardResourceTest extends KafkaTestBase {

  @Test
  void scorecardShowsScoreRankEveryStatisticMetricsCorrelationsAndTheFormula() {
    UUID cycleId = UUID.randomUUID();
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    startCycle(cycleId, List.of(first, second));
    publishResult(completed(cycleId, first, 3.2, 0.25, 14));
    publishResult(completed(cycleId, second, 1.25, 0.2, 7));
    CycleScored scored = awaitCycleScored(cycleId).data();
    // 3.2 against 1.25: the first ranks first
    RankedStrategy ranked = scored.ranking().get(1);
    assertThat(ranked.strategyId()).isEqualTo(second);
    CandidateStatistics s = ranked.statistics();

    given()
        .get("/api/v1/strategies/{id}/scorecard", second)
        .then()
        .statusCode(200)
        .body("strategyId", equalTo(second.toString()))
        .body("cycleId", equalTo(cycleId.toString()))
        .body("template", equalTo("sma-crossover"))
        .body("parameters.fast", equalTo(10))
        .body("parameters.slow", equalTo(50))
        .body("status", equalTo("RANKED"))
        .body("score", equalTo(ranked.score()))
        .body("rank", equalTo(2))
        .body("formula", containsString("0.5 × deflatedSharpe + 0.2 × clamp(sharpe / 3, 0, 1)"))
        .body("live", equalTo(false))
        .body("promotedAt", nullValue())
        .body("demotedAt", nullValue())
        // every statistic scoring computed
        .body("statistics.points", equalTo(96))
        .body("statistics.pointsPerYear", equalTo(252.0))
        .body("statistics.backtestYears", equalTo(s.backtestYears()))
        .body("statistics.totalReturn", equalTo(s.totalReturn()))
        .body("statistics.annualReturn", equalTo(s.annualReturn()))
        .body("statistics.volatility", equalTo(s.volatility()))
        .body("statistics.sharpe", equalTo(s.sharpe()))
        .body("statistics.sortino", equalTo(s.sortino()))
        .body("statistics.calmar", equalTo(s.calmar()))
        .body("statistics.maxDrawdown", equalTo(s.maxDrawdown()))
        .body("statistics.profitFactor", equalTo(1.5))
        .body("statistics.winRate", equalTo(0.5))
        .body("statistics.tradeCount", equalTo(7))
        .body("statistics.foldConsistency", nullValue())
        .body("statistics.tStatistic", equalTo(s.tStatistic()))
        .body("statistics.efficiency", nullValue())
        .body("statistics.skewness", equalTo(s.skewness()))
        .body("statistics.kurtosis", equalTo(s.kurtosis()))
        .body("statistics.meanReturn", equalTo(s.meanReturn()))
        .body("statistics.returnStdev", equalTo(s.returnStdev()))
        .body("statistics.probabilisticSharpe", equalTo(s.probabilisticSharpe()))
        .body("statistics.deflatedSharpe", equalTo(s.deflatedSharpe()))
        .body("statistics.expectedMaxSharpe", equalTo(s.expectedMaxSharpe()))
        .body("statistics.trials", equalTo(2))
        .body("statistics.minBacktestYears", equalTo(s.minBacktestYears()))
        // the worker's metrics
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
        .body("metrics.barCount", equalTo(252))
        // not decided yet
        .body("verdict.decided", equalTo(false))
        .body("verdict.outcome", nullValue())
        .body("verdict.reason", equalTo("not decided yet"))
        .body("verdict.gates", equalTo(List.of()))
        // the other candidate, from the correlations cycle.scored published
        .body("correlations.computed", equalTo(true))
        .body("correlations.withCandidates.strategyId", equalTo(List.of(first.toString())))
        .body("correlations.withCandidates.rank", equalTo(List.of(1)))
        .body(
            "correlations.withCandidates[0].correlation",
            // as published (binary32), in its shortest decimal form
            equalTo(
                Double.valueOf(
                    Float.toString((float) scored.correlations().amongCandidatesMatrix()[1][0]))))
        .body("cycle.trials", equalTo(2))
        .body("cycle.cycleTrials", equalTo(2))
        .body("cycle.weights.drawdown", equalTo(0.15))
        .body("cycle.overfitting.candidates", equalTo(2));
    given()
        .get("/api/v1/strategies/{id}/scorecard", first)
        .then()
        .statusCode(200)
        .body("score", equalTo(scored.ranking().getFirst().score()))
        .body("rank", equalTo(1))
        .body("correlations.withCandidates.rank", equalTo(List.of(2)));
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

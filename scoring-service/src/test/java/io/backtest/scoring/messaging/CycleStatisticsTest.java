package io.backtest.scoring.messaging;

import static io.backtest.scoring.ScoringFixtures.ROLLING;
import static io.backtest.scoring.ScoringFixtures.WAIT;
import static io.backtest.scoring.ScoringFixtures.assertSameRanking;
import static io.backtest.scoring.ScoringFixtures.awaitProcessed;
import static io.backtest.scoring.ScoringFixtures.count;
import static io.backtest.scoring.ScoringFixtures.cycleStarted;
import static io.backtest.scoring.ScoringFixtures.expectedScore;
import static io.backtest.scoring.ScoringFixtures.row;
import static io.backtest.scoring.ScoringFixtures.walkForwardCompleted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.engine.selection.CycleScore;
import io.backtest.engine.selection.CycleScorer;
import io.backtest.engine.selection.TrialHistory;
import io.backtest.scoring.KafkaTestBase;
import io.backtest.scoring.ScoringFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What a cycle's close computes from the whole cycle, against the real broker and database: the
 * trial ledger across cycles, the CSCV diagnostics, the ranking with statistics, and the events.
 */
@QuarkusTest
class CycleStatisticsTest extends KafkaTestBase {

  @Test
  void trialLedgerAccumulatesAcrossCyclesOfTheSameInstrumentAndIsSeparatePerInstrument() {
    DatasetRef instrument = instrument("LEDGER", "1d");

    // the first cycle on the instrument: 50 + 30 trials
    UUID first = UUID.randomUUID();
    List<BacktestCompleted> firstResults =
        List.of(
            walkForwardCompleted(first, UUID.randomUUID(), instrument, 50, 2.0, 1),
            walkForwardCompleted(first, UUID.randomUUID(), instrument, 30, 0.5, 2));
    CycleScored firstScored = run(first, instrument, firstResults);
    assertThat(firstScored.cycleTrials()).isEqualTo(80);
    assertThat(firstScored.trials()).isEqualTo(80);

    // the second on the same instrument counts the first's trials too: 80 + 20 + 10
    UUID second = UUID.randomUUID();
    List<BacktestCompleted> secondResults =
        List.of(
            walkForwardCompleted(second, UUID.randomUUID(), instrument, 20, 1.5, 3),
            walkForwardCompleted(second, UUID.randomUUID(), instrument, 10, -0.5, 4));
    CycleScored secondScored = run(second, instrument, secondResults);
    assertThat(secondScored.cycleTrials()).isEqualTo(30);
    assertThat(secondScored.trials()).isEqualTo(110);
    assertThat(secondScored.ranking())
        .allSatisfy(r -> assertThat(r.statistics().trials()).isEqualTo(110));
    // V[SR]: the sample variance of all four candidates' annualised Sharpe ratios
    List<Double> sharpes = new ArrayList<>();
    firstScored.ranking().forEach(r -> sharpes.add(r.statistics().sharpe()));
    secondScored.ranking().forEach(r -> sharpes.add(r.statistics().sharpe()));
    double mean = sharpes.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance =
        sharpes.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (sharpes.size() - 1);
    assertThat(secondScored.trialSharpeVariance()).isCloseTo(variance, within(1e-9));
    // and the deflated Sharpe ratios are those against the first cycle's trials plus the second's
    double sum = 0;
    double squares = 0;
    for (RankedStrategy r : firstScored.ranking()) {
      sum += r.statistics().sharpe();
      squares += r.statistics().sharpe() * r.statistics().sharpe();
    }
    TrialHistory earlier = new TrialHistory(80, 2, sum, squares);
    CycleScore expected = expectedScore(secondResults, earlier, 0);
    assertThat(secondScored.ranking())
        .extracting(RankedStrategy::strategyId)
        .containsExactlyElementsOf(
            expected.ranking().stream().map(RankedStrategy::strategyId).toList());
    for (int i = 0; i < expected.ranking().size(); i++) {
      assertThat(secondScored.ranking().get(i).statistics().deflatedSharpe())
          .isCloseTo(expected.ranking().get(i).statistics().deflatedSharpe(), within(1e-9));
    }

    // another symbol on the same timeframe starts from nothing
    UUID other = UUID.randomUUID();
    DatasetRef otherInstrument = instrument("OTHER", "1d");
    CycleScored otherScored =
        run(
            other,
            otherInstrument,
            List.of(walkForwardCompleted(other, UUID.randomUUID(), otherInstrument, 5, 1.0, 5)));
    assertThat(otherScored.trials()).isEqualTo(5);
    assertThat(otherScored.cycleTrials()).isEqualTo(5);

    // one ledger entry per closed cycle
    assertThat(
            count(
                "select count(*) from trial_ledger where symbol = ? and timeframe = '1d'",
                instrument.symbol()))
        .isEqualTo(2);
    assertThat(row("select trials, sharpes from trial_ledger where cycle_id = ?", second))
        .containsEntry("trials", 30L)
        .containsEntry("sharpes", 2L);
    assertThat(row("select trials from trial_ledger where cycle_id = ?", other))
        .containsEntry("trials", 5L);
    // trials are never forgotten: the ledger refuses to lose any
    assertThatThrownBy(() -> execute("delete from trial_ledger where cycle_id = '" + first + "'"))
        .hasMessageContaining("trial_ledger is append-only: DELETE is not allowed");
    assertThatThrownBy(() -> execute("update trial_ledger set trials = 0"))
        .hasMessageContaining("trial_ledger is append-only: UPDATE is not allowed");
    assertThat(count("select count(*) from trial_ledger where cycle_id = ?", first)).isEqualTo(1);
  }

  @Test
  void cycleOfCandidatesIsScoredWithOverfittingDiagnosticsAndARankingByScoreWithStatistics() {
    UUID cycleId = UUID.randomUUID();
    DatasetRef instrument = instrument("CSCV", "1h");
    List<BacktestCompleted> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(
          walkForwardCompleted(cycleId, UUID.randomUUID(), instrument, 10 + i, -1.0 + 0.6 * i, i));
    }
    ScoringWeights weights = new ScoringWeights(0.4, 0.3, 0.2, 0.1);

    UUID[] ids = results.stream().map(BacktestCompleted::strategyId).toArray(UUID[]::new);
    startCycle(cycleStarted(cycleId, List.of(ids), instrument, ROLLING, weights));
    results.forEach(KafkaTestBase::publishResult);
    CycleScored scored = awaitCycleScored(cycleId).data();

    // CSCV over the 8 series of 96 points in 16 blocks of 6: C(16, 8) splits
    OverfittingDiagnostics cscv = scored.overfitting();
    assertThat(cscv).isNotNull();
    assertThat(cscv.candidates()).isEqualTo(8);
    assertThat(cscv.points()).isEqualTo(96);
    assertThat(cscv.partitions()).isEqualTo(16);
    assertThat(cscv.splits()).isEqualTo(12_870);
    assertThat(cscv.pbo()).isBetween(0.0, 1.0);
    assertThat(cscv.probabilityOfOosLoss()).isBetween(0.0, 1.0);
    // the cycle's own weights, and 10 + 11 + … + 17 trials
    assertThat(scored.weights()).isEqualTo(weights);
    assertThat(scored.cycleTrials()).isEqualTo(108);
    CycleScore expected =
        new CycleScorer(16, 256)
            .score(
                results.stream()
                    .sorted(Comparator.comparing(r -> r.strategyId().toString()))
                    .map(ScoringFixtures::input)
                    .toList(),
                List.of(),
                TrialHistory.NONE,
                0,
                weights);
    assertSameRanking(scored.ranking(), expected.ranking());
    assertThat(cscv)
        .usingRecursiveComparison()
        .withComparatorForType(ScoringFixtures::closeTo, Double.class)
        .isEqualTo(expected.overfitting());
    // best first by score, ranks 1..8, each with its statistics
    assertThat(scored.ranking())
        .extracting(RankedStrategy::score)
        .isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(scored.ranking())
        .extracting(RankedStrategy::rank)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(scored.ranking())
        .allSatisfy(
            r -> {
              assertThat(r.statistics().points()).isEqualTo(96);
              assertThat(r.statistics().foldConsistency()).isEqualTo(2 / 3.0);
              assertThat(r.statistics().trials()).isEqualTo(108);
            });
    // the series were built with Sharpe ratios −1.0, −0.4, …, 3.2: the best ranks first (at the
    // bottom, where the deflated Sharpe ratio and the Sharpe component are both near 0, the
    // drawdown component decides)
    assertThat(scored.ranking().getFirst().statistics().sharpe()).isCloseTo(3.2, within(1e-4));
    assertThat(scored.ranking())
        .extracting(r -> Math.round(r.statistics().sharpe() * 10) / 10.0)
        .containsExactlyInAnyOrder(-1.0, -0.4, 0.2, 0.8, 1.4, 2.0, 2.6, 3.2);
    // correlations among all eight
    assertThat(scored.correlations().candidates())
        .containsExactlyElementsOf(
            scored.ranking().stream().map(RankedStrategy::strategyId).toList());

    // the leaderboard and the progress show the cycle's diagnostics
    given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .body("diagnostics.trials", equalTo(108))
        .body("diagnostics.overfitting.pbo", equalTo(cscv.pbo()))
        .body("diagnostics.overfitting.probabilityOfOosLoss", equalTo(cscv.probabilityOfOosLoss()))
        .body("diagnostics.overfitting.degradationSlope", equalTo(cscv.degradationSlope()))
        .body("diagnostics.weights.sharpe", equalTo(0.3))
        .body(
            "diagnostics.formula",
            equalTo(
                "score = (0.4 × deflatedSharpe + 0.3 × clamp(sharpe / 3, 0, 1) + 0.2 ×"
                    + " foldConsistency + 0.1 × clamp(1 − maxDrawdown / 0.5, 0, 1)) / (sum of the"
                    + " weights used), from the out-of-sample returns; without a walk-forward"
                    + " analysis the fold consistency term and its weight are left out; 0 without"
                    + " trades; rounded half up to 4 decimals; ties ranked by strategy id"))
        .body("items.size()", equalTo(8))
        .body("items[0].statistics.foldConsistency", equalTo(2 / 3.0));
    given()
        .get("/api/v1/cycles/{id}/scoring", cycleId)
        .then()
        .statusCode(200)
        .body("diagnostics.cycleTrials", equalTo(108))
        .body("diagnostics.overfitting.splits", equalTo(12_870));
  }

  @Test
  void strategyScoredIsEmittedOncePerResultWhenTheCycleClosesAndNotBefore() {
    UUID cycleId = UUID.randomUUID();
    DatasetRef instrument = instrument("EVENTS", "1d");
    List<BacktestCompleted> results = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      results.add(walkForwardCompleted(cycleId, UUID.randomUUID(), instrument, 4, 1.0 * i, 10 + i));
    }
    UUID[] ids = results.stream().map(BacktestCompleted::strategyId).toArray(UUID[]::new);
    // the cycle is known before its results arrive, so that the last result is what closes it
    awaitProcessed(
        startCycle(cycleStarted(cycleId, List.of(ids), instrument, ROLLING, null)).id(),
        "cycle-started");

    // two of three in: nothing is scored yet
    EventEnvelope<BacktestCompleted> firstIn = publishResult(results.get(0));
    EventEnvelope<BacktestCompleted> secondIn = publishResult(results.get(1));
    awaitProcessed(firstIn.id(), "backtest-completed");
    awaitProcessed(secondIn.id(), "backtest-completed");
    assertThat(
            kafka.readEvents(EventCatalog.STRATEGY_SCORED, e -> e.data().cycleId().equals(cycleId)))
        .isEmpty();

    EventEnvelope<BacktestCompleted> lastIn = publishResult(results.get(2));
    EventEnvelope<CycleScored> scored = awaitCycleScored(cycleId);
    assertThat(scored.causationId()).isEqualTo(lastIn.id().toString());
    List<EventEnvelope<StrategyScored>> perResult =
        kafka.awaitEvents(
            EventCatalog.STRATEGY_SCORED, e -> e.data().cycleId().equals(cycleId), 3, WAIT);
    // redelivering a result of the closed cycle changes nothing
    kafka.publish(EventCatalog.BACKTEST_COMPLETED, firstIn);
    EventEnvelope<BacktestCompleted> marker = publishResult(results.get(0));
    awaitProcessed(marker.id(), "backtest-completed");

    assertThat(
            kafka.readEvents(EventCatalog.STRATEGY_SCORED, e -> e.data().cycleId().equals(cycleId)))
        .hasSize(3);
    for (RankedStrategy ranked : scored.data().ranking()) {
      assertThat(perResult)
          .filteredOn(e -> e.data().strategyId().equals(ranked.strategyId()))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.subject()).isEqualTo(ranked.strategyId().toString());
                assertThat(e.correlationId()).isEqualTo(correlation(cycleId));
                assertThat(e.data().rank()).isEqualTo(ranked.rank());
                assertThat(e.data().score()).isEqualTo(ranked.score());
                assertThat(e.data().statistics()).isEqualTo(ranked.statistics());
                assertThat(e.data().scoredAt()).isEqualTo(scored.data().scoredAt());
              });
    }
    // and the stored rows carry the same
    for (RankedStrategy ranked : scored.data().ranking()) {
      Map<String, Object> stored =
          row(
              "select score, rank from strategy_result where cycle_id = ? and strategy_id = ?",
              cycleId,
              ranked.strategyId());
      assertThat(stored)
          .containsEntry("score", ranked.score())
          .containsEntry("rank", ranked.rank());
    }
    assertThat(cycleScoredEvents(cycleId)).hasSize(1);
  }

  /** A cycle on {@code dataset} with the given results, published; its cycle.scored. */
  private static CycleScored run(
      UUID cycleId, DatasetRef dataset, List<BacktestCompleted> results) {
    UUID[] ids = results.stream().map(BacktestCompleted::strategyId).toArray(UUID[]::new);
    startCycle(cycleStarted(cycleId, List.of(ids), dataset, ROLLING, null));
    results.forEach(KafkaTestBase::publishResult);
    return awaitCycleScored(cycleId).data();
  }

  /** An instrument of this test run alone: the ledger is shared by every test of the module. */
  private static DatasetRef instrument(String name, String timeframe) {
    return new DatasetRef(
        "aapl-1d-2013", name + "-" + UUID.randomUUID().toString().substring(0, 8), timeframe, 252);
  }

  private static void execute(String sql) throws SQLException {
    var config = ConfigProvider.getConfig();
    try (var c =
            DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        var s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

package io.backtest.strategy;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.engine.Engine;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.CsvBars;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.evaluation.Evaluation;
import io.backtest.engine.evaluation.Evaluator;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.engine.walkforward.FoldResult;
import io.backtest.engine.walkforward.Objective;
import io.backtest.engine.walkforward.WalkForwardSpec;
import io.backtest.strategy.mapping.EngineMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A walk-forward cycle over two templates against the real broker and database: every candidate is
 * analysed fold by fold, and each result equals an independent evaluation of the same candidate on
 * the dataset's file with the engine alone.
 */
@QuarkusTest
class WalkForwardCycleTest {
  private static final int CANDIDATES = 4;
  private static final long SEED = 20_130_101;

  @Test
  void walkForwardCycleOfTwoTemplatesCompletesWithFoldsReturnsAndProvenance() throws Exception {
    String correlationId = "corr-walk-forward-" + UUID.randomUUID();
    // 252 daily bars: in-sample 120, out-of-sample 40, step 40 → folds at 120, 160 and 200
    UUID cycleId =
        UUID.fromString(
            given()
                .contentType("application/json")
                .header("X-Correlation-Id", correlationId)
                .body(
                    """
                    {"datasetId": "aapl-1d-2013", "candidates": 4, "seed": 20130101,
                     "templates": ["sma-crossover", "macd"],
                     "walkForward": {"inSampleBars": 120, "outOfSampleBars": 40, "points": 6},
                     "costs": {"feeBps": 5, "slippageBps": 2},
                     "execution": {"direction": "long-short", "capital": 25000}}
                    """)
                .post("/api/v1/cycles")
                .then()
                .statusCode(202)
                .extract()
                .path("cycleId"));
    WalkForwardSettings settings =
        new WalkForwardSettings("rolling", 120, 40, 40, "grid", 6, "sharpe");

    CycleStarted started =
        kafka()
            .awaitEvents(
                EventCatalog.CYCLE_STARTED, e -> e.data().cycleId().equals(cycleId), 1, WAIT)
            .getFirst()
            .data();
    assertThat(started.templates()).containsExactly("sma-crossover", "macd");
    assertThat(started.walkForward()).isEqualTo(settings);
    assertThat(started.execution().direction()).isEqualTo("long-short");
    assertThat(started.execution().capital()).isEqualTo(25_000);
    List<EventEnvelope<BacktestRequested>> requests =
        kafka()
            .awaitEvents(
                EventCatalog.BACKTEST_REQUESTED,
                e -> e.data().cycleId().equals(cycleId),
                CANDIDATES,
                WAIT);
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.data().walkForward()).isEqualTo(settings);
              assertThat(r.data().seed()).isEqualTo(SEED);
            });

    List<EventEnvelope<BacktestCompleted>> results = Fixtures.awaitBacktests(cycleId, CANDIDATES);
    assertThat(results.stream().map(e -> e.data().strategy().template()).distinct())
        .containsExactlyInAnyOrder("sma-crossover", "macd");
    String sha256 =
        given()
            .get("/api/v1/datasets/aapl-1d-2013")
            .then()
            .statusCode(200)
            .extract()
            .path("sha256");
    List<OhlcvBar> bars = fileBars();
    Evaluator evaluator =
        new Evaluator(new IndicatorSet(BarArrays.of("file", bars, Duration.ofDays(1))), 252);
    ExecutionModel model =
        ExecutionModel.defaults()
            .withFeeBps(5)
            .withSlippageBps(2)
            .withDirection(ExecutionModel.Direction.LONG_SHORT)
            .withCapital(25_000);
    WalkForwardSpec spec =
        new WalkForwardSpec(
            WalkForwardSpec.Windows.ROLLING,
            120,
            40,
            40,
            WalkForwardSpec.Search.GRID,
            6,
            Objective.SHARPE);

    for (EventEnvelope<BacktestCompleted> e : results) {
      BacktestCompleted c = e.data();
      assertThat(c.provenance().datasetSha256()).isEqualTo(sha256);
      assertThat(c.provenance().seed()).isEqualTo(SEED);
      assertThat(c.provenance().engineVersion()).isEqualTo(Engine.VERSION);
      assertThat(c.execution()).isEqualTo(started.execution());
      WalkForwardSummary wf = c.walkForward();
      assertThat(wf).isNotNull();
      assertThat(wf.settings()).isEqualTo(settings);
      assertThat(wf.folds()).hasSize(3);
      assertThat(wf.trials()).isBetween(1, 6);
      assertThat(wf.evaluations()).isEqualTo(wf.trials() * 3);

      // the same candidate, evaluated here by the engine alone on the file's bars
      StrategyTemplate template = StrategyTemplates.builtIn().get(c.strategy().template());
      Evaluation direct =
          evaluator.evaluate(
              template, template.space().typed(c.strategy().parameters()), model, spec, SEED);
      assertThat(c.metrics()).isEqualTo(EngineMapper.toContract(direct.metrics()));
      assertThat(c.returns()).isEqualTo(ReturnSeries.of(direct.returns()));
      assertThat(c.openAtEnd()).isEqualTo(direct.openAtEnd());
      assertThat(wf.trials()).isEqualTo(direct.walkForward().trials());
      assertThat(wf.efficiency()).isEqualTo(direct.walkForward().efficiency());
      for (int k = 0; k < 3; k++) {
        FoldSummary fold = wf.folds().get(k);
        FoldResult expected = direct.walkForward().folds().get(k);
        int oosFrom = 120 + 40 * k;
        assertThat(fold.index()).isEqualTo(k);
        assertThat(fold.inSample().fromIndex()).isEqualTo(oosFrom - 120);
        assertThat(fold.inSample().toIndex()).isEqualTo(oosFrom);
        assertThat(fold.outOfSample().fromIndex()).isEqualTo(oosFrom);
        assertThat(fold.outOfSample().toIndex()).isEqualTo(oosFrom + 40);
        assertThat(fold.outOfSample().fromTime()).isEqualTo(bars.get(oosFrom).time());
        assertThat(fold.outOfSample().toTime()).isEqualTo(bars.get(oosFrom + 39).time());
        assertThat(fold.inSample().fromTime()).isEqualTo(bars.get(oosFrom - 120).time());
        assertThat(fold.parameters()).isEqualTo(expected.chosen().asMap());
        assertThat(fold.inSampleMetrics()).isEqualTo(EngineMapper.toContract(expected.inSample()));
        assertThat(fold.outOfSampleMetrics())
            .isEqualTo(EngineMapper.toContract(expected.outOfSample()));
      }
      // what reproduces and explains the result is stored with the run; the walk-forward
      // summary names parameter sets, so it is stored encrypted
      assertThat(
              Fixtures.queryLong(
                  "select count(*) from backtest_run where id = ? and seed = ? and"
                      + " dataset_sha256 = ? and engine_version = ? and trials = ? and"
                      + " walk_forward_enc is not null and metrics is not null",
                  c.backtestId(),
                  SEED,
                  sha256,
                  Engine.VERSION,
                  wf.trials()))
          .isEqualTo(1);
      assertThat(
              EventJson.read(Fixtures.storedWalkForward(c.backtestId()), WalkForwardSummary.class))
          .isEqualTo(wf);
    }

    JsonPath cycle =
        given().get("/api/v1/cycles/{id}", cycleId).then().statusCode(200).extract().jsonPath();
    assertThat(cycle.getInt("counts.backtested")).isEqualTo(CANDIDATES);
    assertThat(cycle.getInt("counts.failed")).isZero();
    assertThat(cycle.getInt("walkForward.inSampleBars")).isEqualTo(120);
  }

  private static List<OhlcvBar> fileBars() throws Exception {
    try (InputStream in =
        Thread.currentThread()
            .getContextClassLoader()
            .getResourceAsStream("appleinc_bars_from_20130101_usd.csv")) {
      return CsvBars.read(in, ZoneOffset.UTC);
    }
  }
}

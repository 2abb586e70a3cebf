package io.backtest.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.Engine;
import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import io.backtest.engine.walkforward.WalkForwardSpec;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  private static final SmaCrossoverTemplate SMA = new SmaCrossoverTemplate();
  private static final Parameters P = Parameters.empty().with("fast", 10).with("slow", 50);
  private static final BarArrays APPLE = TestSeries.appleArrays();

  @Test
  void withoutWalkForwardItIsOneBacktestOverEveryBar() {
    Evaluation e =
        new Evaluator(new IndicatorSet(APPLE), 252)
            .evaluate(SMA, P, ExecutionModel.defaults(), null, 1);

    var direct =
        new BacktestEngine(252)
            .run(new IndicatorSet(APPLE), SMA, P, ExecutionModel.defaults(), 0, APPLE.size());
    assertThat(e.single()).isEqualTo(direct);
    assertThat(e.walkForward()).isNull();
    assertThat(e.metrics()).isEqualTo(direct.metrics());
    assertThat(e.equity()).hasSize(252);
    assertThat(e.engineVersion()).isEqualTo(Engine.VERSION);
  }

  @Test
  void withWalkForwardTheStitchedOutOfSampleRecordStandsIn() {
    WalkForwardSpec spec =
        WalkForwardSpec.rolling(120, 40).withSearch(WalkForwardSpec.Search.GRID, 9);
    Evaluation e =
        new Evaluator(new IndicatorSet(APPLE), 252)
            .evaluate(SMA, P, ExecutionModel.defaults(), spec, 1);

    assertThat(e.single()).isNull();
    assertThat(e.walkForward().folds()).hasSize(3); // OOS at 120, 160, 200
    assertThat(e.metrics()).isEqualTo(e.walkForward().outOfSample());
    assertThat(e.equity()).hasSize(120);
  }

  @Test
  void sharedInSampleWindowsGiveExactlyTheUnsharedResults() {
    BarArrays bars = TestSeries.gbmArrays(6_000, 4);
    WalkForwardSpec spec = WalkForwardSpec.rolling(2_000, 1_000);
    Evaluator shared = new Evaluator(new IndicatorSet(bars), 525_600);
    Evaluator alone = new Evaluator(new IndicatorSet(bars), 525_600, null);
    Parameters neighbour = Parameters.empty().with("fast", 12).with("slow", 50);

    for (Parameters candidate : java.util.List.of(P, neighbour)) {
      assertThat(shared.evaluate(SMA, candidate, ExecutionModel.defaults(), spec, 1).walkForward())
          .usingRecursiveComparison()
          .isEqualTo(
              alone.evaluate(SMA, candidate, ExecutionModel.defaults(), spec, 1).walkForward());
    }
    // The two regions of 50 points overlap almost entirely: the second analysis mostly hits.
    assertThat(shared.cache().hits()).isGreaterThan(150);
    assertThat(shared.cache().misses()).isLessThan(2 * 50 * 4);
    assertThat(alone.cache()).isNull();
  }

  @Test
  void invalidParametersAndTooShortDataAreRefused() {
    Evaluator evaluator = new Evaluator(new IndicatorSet(APPLE), 252);
    assertThatThrownBy(
            () -> evaluator.evaluate(SMA, P.with("slow", 55), ExecutionModel.defaults(), null, 1))
        .hasMessageContaining("slow=55");
    assertThatThrownBy(
            () ->
                evaluator.evaluate(
                    SMA, P, ExecutionModel.defaults(), WalkForwardSpec.rolling(200, 60), 1))
        .hasMessageContaining("needs at least inSampleBars + outOfSampleBars = 260 bars");
  }

  @Test
  void costCountsBarStepsOfEveryBacktestItWillRun() {
    assertThat(Evaluator.cost(100_000, null)).isEqualTo(100_000);
    WalkForwardSpec spec = WalkForwardSpec.rolling(50_000, 10_000); // 5 folds, K = 50
    assertThat(Evaluator.cost(100_000, spec))
        .isEqualTo(5L * (50L * 50_000 + 10_000) + 50L * 100_000);
  }
}

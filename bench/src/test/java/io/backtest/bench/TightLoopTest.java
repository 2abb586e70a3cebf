package io.backtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: the tight loop and the engine do the same backtest. */
class TightLoopTest {

  @Test
  void tightLoopAndEngineAgreeOnTradesAndFinalEquity() {
    BarArrays data = BenchData.gbm(20_000);
    ExecutionModel model = ExecutionModel.defaults();
    BacktestResult engine =
        new BacktestEngine(365 * 24 * 60)
            .run(
                new IndicatorSet(data),
                new SmaCrossoverTemplate(),
                Parameters.empty().with("fast", 10).with("slow", 50),
                model,
                0,
                data.size());
    TightLoop.Outcome tight =
        TightLoop.smaCrossover(
            data.open(), data.close(), 10, 50, model.feeBps(), model.slippageBps());

    assertThat(engine.trades()).hasSizeGreaterThan(100);
    assertThat(tight.entries()).isEqualTo(engine.trades().size());
    double[] equity = engine.equity();
    assertThat(tight.finalEquity() * model.capital())
        .isCloseTo(equity[equity.length - 1], within(equity[equity.length - 1] * 1e-9));
    assertThat(engine.trades().getFirst().side()).isEqualTo(Trade.Side.LONG);
  }

  @Test
  void walkForwardOf200CandidatesRunsOnASmallSeries() throws Exception {
    // The benchmark's code path on a series small enough for a unit test (3 folds fit in 80,000
    // bars); the number itself is measured by JMH, never asserted here.
    double sharpeSum =
        WalkForwardBenchmark.run(
            BenchData.gbm(80_000),
            io.backtest.engine.strategy.CandidateGenerator.sample(
                new SmaCrossoverTemplate(), 4, 42),
            new java.util.concurrent.ForkJoinPool(2),
            true);
    double unshared =
        WalkForwardBenchmark.run(
            BenchData.gbm(80_000),
            io.backtest.engine.strategy.CandidateGenerator.sample(
                new SmaCrossoverTemplate(), 4, 42),
            new java.util.concurrent.ForkJoinPool(2),
            false);
    assertThat(sharpeSum).isFinite().isEqualTo(unshared);
  }
}

package io.backtest.engine.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import io.backtest.engine.strategy.StrategyTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardAnalysisTest {

  private static final StrategyTemplate SMA = new SmaCrossoverTemplate();
  private static final ExecutionModel MODEL = ExecutionModel.defaults();
  private static final double BARS_PER_YEAR = 365 * 24 * 60;
  private static final WalkForwardSpec SPEC =
      WalkForwardSpec.rolling(3_000, 1_000).withSearch(WalkForwardSpec.Search.GRID, 12);
  private static final Parameters CANDIDATE = Parameters.empty().with("fast", 10).with("slow", 60);
  private static final BarArrays BARS = TestSeries.gbmArrays(8_000, 11);

  private static WalkForwardResult analyse(BarArrays bars, WalkForwardSpec spec) {
    BacktestEngine engine = new BacktestEngine(BARS_PER_YEAR);
    return new WalkForwardAnalysis(
            new EngineWindowEvaluator(new IndicatorSet(bars), SMA, MODEL, engine),
            BARS_PER_YEAR,
            MODEL.capital())
        .run(SMA.space(), CANDIDATE, spec, bars.size(), 3);
  }

  @Test
  void eachFoldChoosesTheRegionPointWithTheBestInSampleSharpe() {
    WalkForwardResult result = analyse(BARS, SPEC);
    List<Parameters> region =
        ParameterRegion.around(SMA.space(), CANDIDATE, WalkForwardSpec.Search.GRID, 12, 3);
    // An independent path: full runs on a fresh indicator cache, not the evaluator's memo.
    BacktestEngine engine = new BacktestEngine(BARS_PER_YEAR);
    IndicatorSet fresh = new IndicatorSet(BARS);

    assertThat(result.folds()).hasSize(5);
    for (FoldResult fold : result.folds()) {
      FoldWindow w = fold.window();
      Parameters best = null;
      double bestSharpe = Double.NEGATIVE_INFINITY;
      for (Parameters p : region) {
        double sharpe =
            engine.run(fresh, SMA, p, MODEL, w.inSampleFrom(), w.inSampleTo()).metrics().sharpe();
        if (best == null || sharpe > bestSharpe) {
          best = p;
          bestSharpe = sharpe;
        }
      }
      assertThat(fold.chosen()).as("fold %d", w.index()).isEqualTo(best);
      assertThat(fold.inSampleScore()).isEqualTo(bestSharpe);
      PerformanceMetrics oos =
          engine.run(fresh, SMA, best, MODEL, w.outOfSampleFrom(), w.outOfSampleTo()).metrics();
      assertThat(fold.outOfSample()).isEqualTo(oos);
    }
  }

  @Test
  void outOfSampleWindowsAreStitchedIntoOneRecord() {
    WalkForwardResult result = analyse(BARS, SPEC);
    BacktestEngine engine = new BacktestEngine(BARS_PER_YEAR);
    IndicatorSet fresh = new IndicatorSet(BARS);

    double[] equity = result.equity();
    assertThat(equity).hasSize(5 * 1_000);
    assertThat(result.returns()).hasSize(equity.length - 1);
    double growth = 1;
    int at = 0;
    for (FoldResult fold : result.folds()) {
      FoldWindow w = fold.window();
      double[] window =
          engine
              .run(fresh, SMA, fold.chosen(), MODEL, w.outOfSampleFrom(), w.outOfSampleTo())
              .equity();
      // Each window is its own backtest from the starting capital, rescaled to continue the last.
      for (int k = 0; k < window.length; k++) {
        assertThat(equity[at + k]).isCloseTo(window[k] * growth, within(1e-9 * equity[at + k]));
      }
      at += window.length;
      growth *= window[window.length - 1] / MODEL.capital();
    }
    assertThat(equity[equity.length - 1])
        .isCloseTo(MODEL.capital() * growth, within(1e-6 * MODEL.capital()));
    double[] returns = result.returns();
    for (int i = 1; i < equity.length; i++) {
      assertThat(returns[i - 1]).isCloseTo(equity[i] / equity[i - 1] - 1, within(1e-15));
    }
    assertThat(result.outOfSample().barCount()).isEqualTo(equity.length);
    assertThat(result.trades()).allMatch(t -> t.entryIndex() >= 3_000 && t.exitIndex() < 8_000);
  }

  @Test
  void trialsCountTheRegionAndEvaluationsEveryFold() {
    WalkForwardResult result = analyse(BARS, SPEC);
    assertThat(result.trials()).isEqualTo(12);
    assertThat(result.evaluations()).isEqualTo(12 * 5);
  }

  @Test
  void efficiencyIsOutOfSampleOverMeanInSampleAnnualisedReturn() {
    WalkForwardResult result = analyse(BARS, SPEC);
    double inSample =
        result.folds().stream().mapToDouble(f -> f.inSample().cagr()).average().orElseThrow();
    if (inSample > 0) {
      assertThat(result.efficiency())
          .isCloseTo(result.outOfSample().cagr() / inSample, within(1e-12));
    } else {
      assertThat(result.efficiency()).isNull();
    }
  }

  @Test
  void noFoldDependsOnBarsAfterItsOutOfSampleWindow() {
    // Replace every bar from 6,000 on by an unrelated path (continuing from the same price).
    int t = 6_000;
    List<OhlcvBar> original = BARS.toBars();
    List<OhlcvBar> other = TestSeries.gbmBars(BARS.size(), 99, -0.0005, 0.01);
    double scale = original.get(t - 1).close() / other.get(t - 1).close();
    List<OhlcvBar> changed = new ArrayList<>(original.subList(0, t));
    for (OhlcvBar b : other.subList(t, other.size())) {
      changed.add(
          new OhlcvBar(
              b.time(),
              b.open() * scale,
              b.high() * scale,
              b.low() * scale,
              b.close() * scale,
              b.volume()));
    }
    BarArrays altered = BarArrays.of("altered", changed, Duration.ofMinutes(1));

    WalkForwardResult before = analyse(BARS, SPEC);
    WalkForwardResult after = analyse(altered, SPEC);

    // Folds 0..2 end their out-of-sample windows at 4,000, 5,000 and 6,000 <= t.
    for (int k = 0; k < 3; k++) {
      assertThat(after.folds().get(k)).as("fold %d", k).isEqualTo(before.folds().get(k));
    }
    // The data after t did change something, so the comparison above is not vacuous.
    assertThat(after.folds().get(4)).isNotEqualTo(before.folds().get(4));
  }
}

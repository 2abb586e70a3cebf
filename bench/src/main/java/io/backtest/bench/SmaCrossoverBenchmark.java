package io.backtest.bench;

import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ta4j.core.BarSeries;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.LinearTransactionCostModel;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;

/**
 * One SMA(10) × SMA(50) crossover backtest over a GBM series, four ways, in one run: the tight loop
 * (the yardstick), the engine computing its indicators from scratch (the like-for-like figure: the
 * tight loop computes its averages too), the engine with the dataset's shared indicators (what a
 * cycle does for every candidate after the first that needs an average), and ta4j's own
 * BarSeriesManager with DoubleNum (the reference). Bar-steps per second = operations per second ×
 * bars; {@link BenchMain} divides them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SmaCrossoverBenchmark {

  private static final SmaCrossoverTemplate SMA = new SmaCrossoverTemplate();
  private static final Parameters PARAMS = Parameters.empty().with("fast", 10).with("slow", 50);
  private static final ExecutionModel MODEL = ExecutionModel.defaults();

  @Param({"100000", "1000000"})
  public int bars;

  private BarArrays data;
  private IndicatorSet shared;
  private BarSeries series;
  private BacktestEngine engine;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.gbm(bars);
    shared = new IndicatorSet(data);
    series = data.toSeries();
    engine = new BacktestEngine(365 * 24 * 60);
    // Fill the shared cache before measuring.
    engine.run(shared, SMA, PARAMS, MODEL, 0, bars);
  }

  @Benchmark
  public TightLoop.Outcome tightLoop() {
    return TightLoop.smaCrossover(
        data.open(), data.close(), 10, 50, MODEL.feeBps(), MODEL.slippageBps());
  }

  @Benchmark
  public BacktestResult engine() {
    return engine.run(new IndicatorSet(data), SMA, PARAMS, MODEL, 0, bars);
  }

  @Benchmark
  public BacktestResult engineSharedIndicators() {
    return engine.run(shared, SMA, PARAMS, MODEL, 0, bars);
  }

  @Benchmark
  public TradingRecord ta4jBarSeriesManager() {
    BarSeriesManager manager =
        new BarSeriesManager(
            series,
            new LinearTransactionCostModel(MODEL.feeBps() / 10_000),
            new ZeroCostModel(),
            new TradeOnNextOpenModel());
    return manager.run(SMA.build(series, PARAMS));
  }
}

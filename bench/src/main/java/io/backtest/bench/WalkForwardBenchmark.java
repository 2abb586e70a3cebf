package io.backtest.bench;

import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.evaluation.Evaluator;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.CandidateGenerator;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import io.backtest.engine.walkforward.WalkForwardSpec;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cycle's CPU work without the messaging: 200 SMA-crossover candidates, each a 5-fold rolling
 * walk-forward (in-sample 50,000 bars, out-of-sample 10,000) optimising a 50-point grid region by
 * Sharpe, over 100,000 GBM bars, on every core. Each operation starts from an empty indicator
 * cache, as a worker does on a dataset it has not seen.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class WalkForwardBenchmark {

  static final int BARS = 100_000;
  static final int CANDIDATES = 200;
  static final WalkForwardSpec SPEC = WalkForwardSpec.rolling(50_000, 10_000);
  static final double BARS_PER_YEAR = 365 * 24 * 60;

  private static final SmaCrossoverTemplate SMA = new SmaCrossoverTemplate();
  private static final ExecutionModel MODEL = ExecutionModel.defaults();

  private BarArrays data;
  private List<Parameters> candidates;
  private ForkJoinPool pool;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.gbm(BARS);
    candidates = CandidateGenerator.sample(SMA, CANDIDATES, 42);
    pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdown();
  }

  @Benchmark
  public double cycleOf200() throws InterruptedException, ExecutionException {
    return run(data, candidates, pool, true);
  }

  @Benchmark
  public double cycleOf200WithoutSharing() throws InterruptedException, ExecutionException {
    return run(data, candidates, pool, false);
  }

  /** Runs every candidate's analysis on {@code pool}; the sum of OOS Sharpe ratios, for checks. */
  static double run(
      BarArrays data, List<Parameters> candidates, ForkJoinPool pool, boolean shareWindows)
      throws InterruptedException, ExecutionException {
    Evaluator evaluator =
        shareWindows
            ? new Evaluator(new IndicatorSet(data), BARS_PER_YEAR)
            : new Evaluator(new IndicatorSet(data), BARS_PER_YEAR, null);
    return pool.submit(
            () ->
                candidates.parallelStream()
                    .mapToDouble(
                        c ->
                            evaluator
                                .evaluate(SMA, c, MODEL, SPEC, 42)
                                .walkForward()
                                .outOfSample()
                                .sharpe())
                    .sum())
        .get();
  }
}

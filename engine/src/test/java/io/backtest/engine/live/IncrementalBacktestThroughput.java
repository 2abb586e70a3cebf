package io.backtest.engine.live;

import io.backtest.engine.TemplatePoints;
import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.ParameterSpace;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.Signals;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/**
 * Per-bar cost of {@link IncrementalBacktest}: feeds 100,000 synthetic 1-minute GBM bars (seed 1)
 * to each built-in template at its first shared test point, default execution model, and prints the
 * total time, the mean time per bar in each successive block of 10,000 bars (flat if the cost per
 * bar does not grow with the history) and the batch engine's time for the same series, each the
 * fastest of several repetitions (the first ones warm the JIT up; the fastest is the least
 * disturbed by other load). Also times the replayed fallback on 1,000, 2,000 and 4,000 bars, whose
 * cost per bar does grow. Checks that each incremental result equals the batch one. A measurement
 * to run by hand, not a test: timings depend on the machine and its load. One template per JVM
 * gives the steadiest figures: in one JVM, code shared by several templates is sometimes
 * deoptimised and recompiled worse (seen: Bollinger's standard deviation several times slower after
 * a recompilation, still flat across blocks).
 *
 * <p>Run after {@code ./mvnw -o test-compile -pl engine}: {@code java -cp
 * engine/target/classes:engine/target/test-classes:<ta4j-core jar>
 * io.backtest.engine.live.IncrementalBacktestThroughput [repetitions [template ids]]}.
 */
public final class IncrementalBacktestThroughput {

  private static final int BARS = 100_000;
  private static final int BLOCK = 10_000;

  private IncrementalBacktestThroughput() {}

  /**
   * Runs the measurement. Arguments, both optional: the number of repetitions (default 7), then the
   * ids of the templates to measure (default all).
   */
  public static void main(String[] args) {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Duration minute = Duration.ofMinutes(1);
    BarArrays arrays =
        BarArrays.of(
            "gbm-1",
            SyntheticBars.gbm(
                    new SyntheticBars.Frame(
                        BARS, 1, Instant.parse("2024-01-01T00:00:00Z"), minute, 100),
                    SyntheticBars.DEFAULT_DRIFT,
                    SyntheticBars.DEFAULT_VOLATILITY)
                .bars(),
            minute);
    ExecutionModel model = ExecutionModel.defaults();
    System.out.printf(
        Locale.ROOT,
        "%d bars, %s, fastest of %d repetitions, per block and in total%n",
        BARS,
        model,
        repetitions);
    System.out.printf(
        Locale.ROOT,
        "%-20s %-40s %9s %8s %9s  %s%n",
        "template",
        "params",
        "total ms",
        "ns/bar",
        "batch ms",
        "ns/bar per 10,000-bar block");
    List<String> only = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    List<StrategyTemplate> templates =
        StrategyTemplates.builtIn().all().stream()
            .filter(t -> only.isEmpty() || only.contains(t.id()))
            .toList();
    // Every incremental run first, every batch run after, so that the batch runs' allocations
    // (several 800 KB arrays each) do not land in the incremental timings.
    int count = templates.size();
    long[] best = new long[count];
    long[][] bestBlocks = new long[count][BARS / BLOCK];
    BacktestResult[] incremental = new BacktestResult[count];
    for (int t = 0; t < count; t++) {
      StrategyTemplate template = templates.get(t);
      Parameters params = TemplatePoints.of(template).getFirst();
      best[t] = Long.MAX_VALUE;
      Arrays.fill(bestBlocks[t], Long.MAX_VALUE);
      for (int r = 0; r < repetitions; r++) {
        IncrementalBacktest live = new IncrementalBacktest(template, params, model, minute);
        best[t] = Math.min(best[t], feed(live, arrays, bestBlocks[t]));
        incremental[t] = live.result();
      }
    }
    for (int t = 0; t < count; t++) {
      StrategyTemplate template = templates.get(t);
      Parameters params = TemplatePoints.of(template).getFirst();
      long bestBatch = Long.MAX_VALUE;
      for (int r = 0; r < repetitions; r++) {
        long batchStart = System.nanoTime();
        BacktestResult batch =
            new BacktestEngine().run(new IndicatorSet(arrays), template, params, model, 0, BARS);
        bestBatch = Math.min(bestBatch, System.nanoTime() - batchStart);
        if (!batch.equals(incremental[t])) {
          throw new AssertionError(template.id() + ": incremental result differs from batch");
        }
      }
      StringBuilder perBlock = new StringBuilder();
      for (long b : bestBlocks[t]) {
        perBlock.append(String.format(Locale.ROOT, "%5d", b / BLOCK));
      }
      System.out.printf(
          Locale.ROOT,
          "%-20s %-40s %9.1f %8d %9.1f  %s%n",
          template.id(),
          params,
          best[t] / 1e6,
          best[t] / BARS,
          bestBatch / 1e6,
          perBlock);
    }
    replayed(arrays, minute, model, repetitions);
  }

  /**
   * Feeds every bar of {@code arrays} to {@code live} and returns the time taken, lowering {@code
   * bestBlocks[b]} to block {@code b}'s time where faster. A method of its own rather than a loop
   * in {@code main}: a loop in {@code main} runs as on-stack-replacement code, which the JIT
   * deoptimised when a new template class came along and did not recompile, leaving later templates
   * measured in the interpreter (about 10 times slower, an artefact of the harness).
   */
  private static long feed(IncrementalBacktest live, BarArrays arrays, long[] bestBlocks) {
    long start = System.nanoTime();
    long blockStart = start;
    for (int k = 0; k < BARS; k++) {
      live.onBar(bar(arrays, k));
      if ((k + 1) % BLOCK == 0) {
        long now = System.nanoTime();
        bestBlocks[k / BLOCK] = Math.min(bestBlocks[k / BLOCK], now - blockStart);
        blockStart = now;
      }
    }
    return System.nanoTime() - start;
  }

  /**
   * The fallback's cost per bar grows with the history: sma-crossover replayed over 1,000, 2,000
   * and 4,000 bars, the fastest of {@code repetitions} runs each.
   */
  private static void replayed(
      BarArrays arrays, Duration minute, ExecutionModel model, int repetitions) {
    StrategyTemplate sma = StrategyTemplates.builtIn().get("sma-crossover");
    StrategyTemplate custom = new Renamed(sma);
    Parameters params = TemplatePoints.of(sma).getFirst();
    for (int n : new int[] {1_000, 2_000, 4_000}) {
      long best = Long.MAX_VALUE;
      for (int r = 0; r < repetitions; r++) {
        IncrementalBacktest live = new IncrementalBacktest(custom, params, model, minute);
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) {
          live.onBar(bar(arrays, k));
        }
        best = Math.min(best, System.nanoTime() - start);
      }
      System.out.printf(
          Locale.ROOT,
          "replayed sma-crossover (no kernel), %d bars: %.1f ms, %d ns/bar%n",
          n,
          best / 1e6,
          best / n);
    }
  }

  /**
   * Bar {@code k} as a new object, as a live stream delivers it: its allocation is part of the
   * measured time, as it would be in a live consumer.
   */
  private static OhlcvBar bar(BarArrays a, int k) {
    return new OhlcvBar(
        Instant.ofEpochSecond(a.openTimes()[k]),
        a.open()[k],
        a.high()[k],
        a.low()[k],
        a.close()[k],
        a.volume()[k]);
  }

  /** sma-crossover behind another class, so that the runner replays it. */
  private record Renamed(StrategyTemplate inner) implements StrategyTemplate {

    @Override
    public String id() {
      return "renamed-" + inner.id();
    }

    @Override
    public String description() {
      return inner.description();
    }

    @Override
    public ParameterSpace space() {
      return inner.space();
    }

    @Override
    public Strategy build(BarSeries series, Parameters params) {
      return inner.build(series, params);
    }

    @Override
    public Signals signals(IndicatorSet indicators, Parameters params) {
      return inner.signals(indicators, params);
    }
  }
}

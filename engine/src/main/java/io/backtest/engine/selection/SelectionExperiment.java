package io.backtest.engine.selection;

import io.backtest.contracts.events.ScoringWeights;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import io.backtest.engine.walkforward.WalkForwardSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The statistical-honesty experiment: cycles of SMA-crossover candidates on data with no edge by
 * construction (a driftless random walk) and on data with a planted, persistent edge (drift regimes
 * that trend followers exploit), seed after seed, each through {@link OfflineCycle}. The selection
 * is honest when the first promotes nothing and the second promotes a trend follower, seed after
 * seed. The tests run it in CI, the bench prints it.
 */
public final class SelectionExperiment {

  /** Daily bars. */
  public static final double BARS_PER_YEAR = 252;

  /** Bars of every dataset: about 20 years of daily bars. */
  public static final int BARS = 5_000;

  /** Per-bar volatility of both datasets (1 %). */
  public static final double VOLATILITY = 0.01;

  /** Per-bar drift of the planted edge's regimes, up and down. */
  public static final double EDGE_DRIFT = 0.003;

  /** Mean length of a drift regime in bars. */
  public static final double EDGE_REGIME_BARS = 250;

  private SelectionExperiment() {}

  /** A driftless geometric random walk: no strategy has an edge on it. */
  public static BarArrays noise(int bars, long seed) {
    return BarArrays.of(
        "noise-" + seed,
        SyntheticBars.gbm(frame(bars, seed), 0.0, VOLATILITY).bars(),
        Duration.ofDays(1));
  }

  /** Drift regimes of ±{@code drift} a bar lasting about {@value #EDGE_REGIME_BARS} bars each. */
  public static BarArrays trending(int bars, long seed, double drift) {
    return BarArrays.of(
        "trending-" + seed,
        SyntheticBars.regimeSwitching(
                frame(bars, seed),
                List.of(
                    new SyntheticBars.Regime("up", drift, VOLATILITY, EDGE_REGIME_BARS),
                    new SyntheticBars.Regime("down", -drift, VOLATILITY, EDGE_REGIME_BARS)))
            .bars(),
        Duration.ofDays(1));
  }

  /**
   * The cycle: {@code candidates} SMA crossovers, rolling walk-forward of 1,000 in-sample and 500
   * out-of-sample bars (8 folds on 5,000 bars) over 21-point parameter regions, next-open fills
   * with 3 bps fee and 2 bps slippage a side, CSCV with 16 blocks, the default weights and gates.
   */
  public static OfflineCycle.Settings smaCycle(int candidates, long seed) {
    return new OfflineCycle.Settings(
        List.of(new SmaCrossoverTemplate()),
        candidates,
        seed,
        WalkForwardSpec.rolling(1_000, 500).withSearch(WalkForwardSpec.Search.GRID, 21),
        new ExecutionModel(ExecutionModel.Fill.NEXT_OPEN, 3, 2, 1.0),
        16,
        ScoringWeights.DEFAULT,
        PromotionRules.DEFAULT,
        CycleScorer.SharpeVariance.NULL_HYPOTHESIS);
  }

  /**
   * One seed's outcome.
   *
   * @param seed the dataset's and the cycle's seed
   * @param outcome the cycle
   */
  public record Run(long seed, OfflineCycle.Outcome outcome) {
    /** Candidates promoted. */
    public int promoted() {
      return outcome.decision().promotions().size();
    }
  }

  /** Cycles on the noise datasets of seeds 1..{@code seeds}. */
  public static List<Run> onNoise(int seeds, int candidates) {
    return runs(seeds, candidates, seed -> noise(BARS, seed));
  }

  /** Cycles on the planted-edge datasets of seeds 1..{@code seeds}. */
  public static List<Run> onEdge(int seeds, int candidates, double drift) {
    return runs(seeds, candidates, seed -> trending(BARS, seed, drift));
  }

  private static List<Run> runs(int seeds, int candidates, LongFunction<BarArrays> dataset) {
    List<Run> runs = new ArrayList<>();
    for (long seed = 1; seed <= seeds; seed++) {
      runs.add(
          new Run(
              seed,
              OfflineCycle.run(dataset.apply(seed), BARS_PER_YEAR, smaCycle(candidates, seed))));
    }
    return runs;
  }

  private static SyntheticBars.Frame frame(int bars, long seed) {
    return new SyntheticBars.Frame(
        bars, seed, Instant.parse("2000-01-03T00:00:00Z"), Duration.ofDays(1), 100);
  }
}

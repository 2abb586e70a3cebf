package io.backtest.engine.evaluation;

import io.backtest.engine.Engine;
import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.walkforward.EngineWindowEvaluator;
import io.backtest.engine.walkforward.WalkForwardAnalysis;
import io.backtest.engine.walkforward.WalkForwardSpec;
import io.backtest.engine.walkforward.WindowMetricsCache;
import java.util.Objects;

/**
 * Evaluates candidates on one dataset: the same code path for a synchronous backtest request and a
 * cycle's worker, so both give the same numbers.
 *
 * <p>Thread-safe: share one per dataset (its {@link IndicatorSet} caches the indicator series every
 * candidate and fold reuses); each call builds its own per-call state.
 */
public final class Evaluator {

  /** In-sample window metrics kept per dataset before the cache starts over. */
  public static final int DEFAULT_CACHE_ENTRIES = 250_000;

  private final IndicatorSet indicators;
  private final BacktestEngine engine;
  private final WindowMetricsCache cache;

  /**
   * An evaluator that shares in-sample metrics between the analyses it runs (see {@link
   * WindowMetricsCache}).
   *
   * @param indicators the dataset's shared indicator cache
   * @param barsPerYear the dataset's annualisation factor
   */
  public Evaluator(IndicatorSet indicators, double barsPerYear) {
    this(indicators, barsPerYear, new WindowMetricsCache(DEFAULT_CACHE_ENTRIES));
  }

  /**
   * @param cache shared in-sample metrics, or null to compute every window of every analysis
   */
  public Evaluator(IndicatorSet indicators, double barsPerYear, WindowMetricsCache cache) {
    this.indicators = Objects.requireNonNull(indicators, "indicators");
    this.engine = new BacktestEngine(barsPerYear);
    this.cache = cache;
  }

  /** The shared in-sample metrics, or null. */
  public WindowMetricsCache cache() {
    return cache;
  }

  /** The dataset's shared indicator cache. */
  public IndicatorSet indicators() {
    return indicators;
  }

  /**
   * Evaluates {@code params} of {@code template}: one backtest over every bar when {@code
   * walkForward} is null, else the walk-forward analysis it describes.
   *
   * @param seed drives a random walk-forward search
   * @throws IllegalArgumentException for invalid parameters, or too few bars for one fold
   */
  public Evaluation evaluate(
      StrategyTemplate template,
      Parameters params,
      ExecutionModel model,
      WalkForwardSpec walkForward,
      long seed) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(model, "model");
    template.validate(params);
    if (walkForward == null) {
      return new Evaluation(
          engine.run(indicators, template, params, model, 0, indicators.size()),
          null,
          Engine.VERSION);
    }
    WalkForwardAnalysis analysis =
        new WalkForwardAnalysis(
            new EngineWindowEvaluator(indicators, template, model, engine, cache),
            engine.barsPerYear(),
            model.capital());
    return new Evaluation(
        null,
        analysis.run(template.space(), params, walkForward, indicators.size(), seed),
        Engine.VERSION);
  }

  /**
   * Bar-steps an evaluation takes, to refuse requests too large to answer synchronously before
   * running them: {@code bars} for one backtest; with walk-forward, per fold K in-sample windows
   * plus one out-of-sample window, plus K signal series over every bar.
   *
   * @throws IllegalArgumentException if not one walk-forward fold fits
   */
  public static long cost(int bars, WalkForwardSpec walkForward) {
    if (walkForward == null) {
      return bars;
    }
    long steps = 0;
    for (var fold : walkForward.folds(bars)) {
      steps += (long) walkForward.points() * fold.inSampleBars() + fold.outOfSampleBars();
    }
    return steps + (long) walkForward.points() * bars;
  }
}

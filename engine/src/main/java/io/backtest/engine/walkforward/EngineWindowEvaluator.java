package io.backtest.engine.walkforward;

import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.Signals;
import io.backtest.engine.strategy.StrategyTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fast engine as a {@link WindowEvaluator}: one template and execution model over one dataset's
 * shared {@link IndicatorSet}.
 *
 * <p>Signals of a parameter set cover the whole series and are computed once, then reused by every
 * fold that evaluates it (K parameter sets × F folds cost K signal computations, not K × F). They
 * depend only on bars up to each index, so reuse across windows reads nothing ahead.
 *
 * <p>In-sample metrics can also be shared between analyses through a {@link WindowMetricsCache}:
 * the candidates of a cycle have overlapping regions and the same fold windows, so most of their
 * in-sample backtests are the same computation. A hit returns exactly the metrics the computation
 * would (the engine is deterministic); trial counts are unaffected.
 *
 * <p>Not thread-safe (the signal memo is a plain map): one evaluator per analysis and thread; the
 * {@link IndicatorSet} and the cache underneath are shared.
 */
public final class EngineWindowEvaluator implements WindowEvaluator {

  private final IndicatorSet indicators;
  private final StrategyTemplate template;
  private final ExecutionModel model;
  private final BacktestEngine engine;
  private final WindowMetricsCache cache;
  private final Map<Parameters, Signals> signals = new HashMap<>();

  /** An evaluator without a shared metrics cache. */
  public EngineWindowEvaluator(
      IndicatorSet indicators,
      StrategyTemplate template,
      ExecutionModel model,
      BacktestEngine engine) {
    this(indicators, template, model, engine, null);
  }

  /**
   * @param cache in-sample metrics shared with other analyses on the same dataset, or null
   */
  public EngineWindowEvaluator(
      IndicatorSet indicators,
      StrategyTemplate template,
      ExecutionModel model,
      BacktestEngine engine,
      WindowMetricsCache cache) {
    this.indicators = Objects.requireNonNull(indicators, "indicators");
    this.template = Objects.requireNonNull(template, "template");
    this.model = Objects.requireNonNull(model, "model");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.cache = cache;
  }

  @Override
  public PerformanceMetrics metrics(Parameters params, int from, int to) {
    if (cache == null) {
      return compute(params, from, to);
    }
    return cache.get(template.id(), params, model, from, to, () -> compute(params, from, to));
  }

  @Override
  public BacktestResult backtest(Parameters params, int from, int to) {
    return engine.run(indicators.bars(), signals(params), model, from, to);
  }

  private PerformanceMetrics compute(Parameters params, int from, int to) {
    return engine.metrics(indicators.bars(), signals(params), model, from, to);
  }

  private Signals signals(Parameters params) {
    return signals.computeIfAbsent(params, p -> template.signals(indicators, p));
  }
}

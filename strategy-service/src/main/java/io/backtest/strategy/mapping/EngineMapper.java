package io.backtest.strategy.mapping;

import io.backtest.contracts.EventJson;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BarWindow;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.walkforward.Objective;
import io.backtest.engine.walkforward.WalkForwardResult;
import io.backtest.engine.walkforward.WalkForwardSpec;
import io.backtest.strategy.domain.Cycle;
import java.util.List;

/** Between the engine's types and the event contract's. */
public final class EngineMapper {
  private EngineMapper() {}

  /**
   * The contract's metrics: same definitions, {@code annualisedVolatility} as {@code volatility}.
   */
  public static BacktestMetrics toContract(PerformanceMetrics m) {
    return new BacktestMetrics(
        m.totalReturn(),
        m.cagr(),
        m.sharpe(),
        m.sortino(),
        m.maxDrawdown(),
        m.maxDrawdownBars(),
        m.calmar(),
        m.annualisedVolatility(),
        m.tradeCount(),
        m.winRate(),
        m.profitFactor(),
        m.averageWin(),
        m.averageLoss(),
        m.expectancy(),
        m.exposure(),
        m.skewness(),
        m.kurtosis(),
        m.barCount());
  }

  /**
   * The contract's execution settings ({@code fill} as {@code next-open} or {@code same-close}).
   */
  public static ExecutionSettings toContract(ExecutionModel model) {
    return new ExecutionSettings(
        fillName(model.fill()),
        directionName(model.direction()),
        model.feeBps(),
        model.slippageBps(),
        model.positionFraction(),
        model.capital());
  }

  /** The execution settings a cycle stored. */
  public static ExecutionSettings execution(Cycle cycle) {
    return new ExecutionSettings(
        cycle.fill,
        cycle.direction,
        cycle.feeBps,
        cycle.slippageBps,
        cycle.positionFraction,
        cycle.capital);
  }

  /**
   * The engine's walk-forward spec for the contract's settings; null for null.
   *
   * @throws IllegalArgumentException if a setting is outside what the engine accepts
   */
  public static WalkForwardSpec toSpec(WalkForwardSettings settings) {
    if (settings == null) {
      return null;
    }
    WalkForwardSpec.Windows windows =
        switch (settings.windows()) {
          case "rolling" -> WalkForwardSpec.Windows.ROLLING;
          case "anchored" -> WalkForwardSpec.Windows.ANCHORED;
          default -> throw new IllegalArgumentException("unknown windows " + settings.windows());
        };
    WalkForwardSpec.Search search =
        switch (settings.search()) {
          case "grid" -> WalkForwardSpec.Search.GRID;
          case "random" -> WalkForwardSpec.Search.RANDOM;
          default -> throw new IllegalArgumentException("unknown search " + settings.search());
        };
    return new WalkForwardSpec(
        windows,
        settings.inSampleBars(),
        settings.outOfSampleBars(),
        settings.stepBars(),
        search,
        settings.points(),
        Objective.fromId(settings.objective()));
  }

  /**
   * The contract's account of a walk-forward analysis: {@code settings} echoed, each fold's bar
   * windows with the open times of their first and last bars ({@code toIndex} exclusive), the
   * chosen parameter set and its in- and out-of-sample metrics.
   *
   * @param bars the dataset's bars the analysis ran on
   */
  public static WalkForwardSummary toSummary(
      WalkForwardResult result, WalkForwardSettings settings, List<OhlcvBar> bars) {
    List<FoldSummary> folds =
        result.folds().stream()
            .map(
                f ->
                    new FoldSummary(
                        f.window().index(),
                        window(bars, f.window().inSampleFrom(), f.window().inSampleTo()),
                        window(bars, f.window().outOfSampleFrom(), f.window().outOfSampleTo()),
                        f.chosen().asMap(),
                        toContract(f.inSample()),
                        toContract(f.outOfSample())))
            .toList();
    return new WalkForwardSummary(
        settings, folds, result.trials(), result.evaluations(), result.efficiency());
  }

  private static BarWindow window(List<OhlcvBar> bars, int from, int to) {
    return new BarWindow(from, to, bars.get(from).time(), bars.get(to - 1).time());
  }

  /** A cycle's templates as stored in {@code cycle.templates}. */
  public static String templatesJson(List<String> templates) {
    return EventJson.write(templates);
  }

  /** A cycle's stored templates. */
  public static List<String> templates(String json) {
    return List.of(EventJson.read(json, String[].class));
  }

  /** A contract record as stored in a JSON column; null for null. */
  public static String json(Object value) {
    return value == null ? null : EventJson.write(value);
  }

  /** Stored walk-forward settings; null when none are stored. */
  public static WalkForwardSettings walkForwardSettings(String json) {
    return json == null ? null : EventJson.read(json, WalkForwardSettings.class);
  }

  /** A stored walk-forward summary; null when none is stored. */
  public static WalkForwardSummary walkForwardSummary(String json) {
    return json == null ? null : EventJson.read(json, WalkForwardSummary.class);
  }

  static String fillName(ExecutionModel.Fill fill) {
    return switch (fill) {
      case NEXT_OPEN -> "next-open";
      case SAME_CLOSE -> "same-close";
    };
  }

  static String directionName(ExecutionModel.Direction direction) {
    return switch (direction) {
      case LONG_ONLY -> "long-only";
      case LONG_SHORT -> "long-short";
    };
  }

  /** Metrics as stored in {@code backtest_run.metrics}. */
  public static String metricsJson(BacktestMetrics metrics) {
    return EventJson.write(metrics);
  }

  /** Stored metrics; null when none are stored. */
  public static BacktestMetrics metrics(String json) {
    return json == null ? null : EventJson.read(json, BacktestMetrics.class);
  }

  /** Stored candidate statistics ({@code strategy.statistics}); null when none are stored. */
  public static CandidateStatistics statistics(String json) {
    return json == null ? null : EventJson.read(json, CandidateStatistics.class);
  }

  /** Stored scoring weights ({@code cycle.scoring}); null when none are stored. */
  public static ScoringWeights scoring(String json) {
    return json == null ? null : EventJson.read(json, ScoringWeights.class);
  }
}

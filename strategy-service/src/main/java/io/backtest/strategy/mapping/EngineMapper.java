package io.backtest.strategy.mapping;

import io.backtest.contracts.EventJson;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.strategy.domain.Cycle;

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
        m.annualisedVolatility(),
        m.tradeCount(),
        m.winRate(),
        m.profitFactor(),
        m.exposure(),
        m.barCount());
  }

  /**
   * The contract's execution settings ({@code fill} as {@code next-open} or {@code same-close}).
   */
  public static ExecutionSettings toContract(ExecutionModel model) {
    return new ExecutionSettings(
        fillName(model.fill()), model.feeBps(), model.slippageBps(), model.positionFraction());
  }

  /**
   * The engine's execution model for the contract's settings.
   *
   * @throws IllegalArgumentException if a setting is outside what the engine accepts
   */
  public static ExecutionModel toModel(ExecutionSettings settings) {
    ExecutionModel.Fill fill =
        switch (settings.fill()) {
          case "next-open" -> ExecutionModel.Fill.NEXT_OPEN;
          case "same-close" -> ExecutionModel.Fill.SAME_CLOSE;
          default -> throw new IllegalArgumentException("unknown fill " + settings.fill());
        };
    return new ExecutionModel(
        fill, settings.feeBps(), settings.slippageBps(), settings.positionFraction());
  }

  /** The execution settings a cycle stored. */
  public static ExecutionSettings execution(Cycle cycle) {
    return new ExecutionSettings(
        cycle.fill, cycle.feeBps, cycle.slippageBps, cycle.positionFraction);
  }

  static String fillName(ExecutionModel.Fill fill) {
    return switch (fill) {
      case NEXT_OPEN -> "next-open";
      case SAME_CLOSE -> "same-close";
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
}

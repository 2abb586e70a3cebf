package io.backtest.monitoring.mapping;

import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import java.util.Map;

/**
 * From the promotion's contract types to the engine's, as strategy-service's backtests map them.
 */
public final class EngineMapper {
  private EngineMapper() {}

  /**
   * The parameter set a promotion names, typed and validated against the template.
   *
   * @throws IllegalArgumentException if a value does not fit the template's space
   */
  public static Parameters toParameters(StrategyTemplate template, Map<String, Number> values) {
    Parameters parameters = template.space().typed(values);
    template.validate(parameters);
    return parameters;
  }
}

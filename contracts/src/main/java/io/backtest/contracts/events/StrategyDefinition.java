package io.backtest.contracts.events;

import java.util.Map;

/**
 * A strategy as a live trading system needs it: its template and the parameter values.
 *
 * @param template template id (e.g. {@code sma-crossover})
 * @param parameters parameter name to value, in the template's order
 */
public record StrategyDefinition(String template, Map<String, Number> parameters) {
  public StrategyDefinition {
    Checks.text(template, "template");
    parameters = Map.copyOf(Checks.present(parameters, "parameters"));
  }
}

package io.backtest.contracts.events;

import java.util.Collections;
import java.util.LinkedHashMap;
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
    Checks.present(parameters, "parameters")
        .forEach((name, value) -> Checks.present(value, "parameters." + name));
    // keeps the template's order (Map.copyOf would not), for people reading events and summaries
    parameters =
        Collections.unmodifiableMap(new LinkedHashMap<>(Checks.present(parameters, "parameters")));
  }
}

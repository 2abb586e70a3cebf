package io.backtest.strategy.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.backtest.contracts.EventJson;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter sets as stored and as events carry them.
 *
 * <p>Canonical JSON: an object with the template's parameters in the template's declaration order,
 * INT parameters as JSON integers and DECIMAL ones as JSON decimals, no spaces ({@code
 * {"fast":10,"slow":50}}, {@code {"period":20,"k":2.5}}); equal parameter sets of one template are
 * equal text, which the live set's uniqueness constraint relies on.
 */
public final class ParametersJson {
  private static final TypeReference<LinkedHashMap<String, Number>> MAP = new TypeReference<>() {};

  private ParametersJson() {}

  /** The canonical JSON of {@code parameters}, in the template's order and types. */
  public static String write(StrategyTemplate template, Parameters parameters) {
    return EventJson.write(template.space().typed(parameters.asMap()).asMap());
  }

  /** The stored JSON as an ordered map: Integer for JSON integers, Double for decimals. */
  public static Map<String, Number> read(String json) {
    try {
      return EventJson.mapper().readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored parameters are not valid JSON: " + json, e);
    }
  }

  /**
   * The parameter set an event's {@code StrategyDefinition} names, typed and validated against the
   * template.
   *
   * @throws IllegalArgumentException if an integer parameter's value is not an integer or the set
   *     is not a valid point of the template's space
   */
  public static Parameters fromDefinition(StrategyTemplate template, Map<String, Number> values) {
    Parameters parameters;
    try {
      parameters = template.space().typed(values);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameter " + e.getMessage(), e);
    }
    template.validate(parameters);
    return parameters;
  }

  /** {@code values} with the template's parameters first, in its order, then any others. */
  public static Map<String, Number> ordered(
      StrategyTemplate template, Map<String, ? extends Number> values) {
    Map<String, Number> ordered = new LinkedHashMap<>();
    List<String> names = template.space().names();
    for (String name : names) {
      if (values.containsKey(name)) {
        ordered.put(name, values.get(name));
      }
    }
    values.forEach(ordered::putIfAbsent);
    return ordered;
  }
}

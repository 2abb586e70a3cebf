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
 * <p>Canonical JSON: an object with the template's parameters in the template's declaration order
 * and integer values, no spaces ({@code {"fast":10,"slow":50}}); equal parameter sets of one
 * template are equal text, which the live set's uniqueness constraint relies on.
 */
public final class ParametersJson {
  private static final TypeReference<LinkedHashMap<String, Integer>> MAP = new TypeReference<>() {};

  private ParametersJson() {}

  /** The canonical JSON of {@code parameters}, in the template's order. */
  public static String write(StrategyTemplate template, Parameters parameters) {
    return EventJson.write(ordered(template, parameters.values()));
  }

  /** The stored JSON as an ordered map. */
  public static Map<String, Integer> read(String json) {
    try {
      return EventJson.mapper().readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored parameters are not valid JSON: " + json, e);
    }
  }

  /**
   * The parameter set an event's {@code StrategyDefinition} names, validated against the template.
   *
   * @throws IllegalArgumentException if a value is not an integer or the set is not a valid point
   *     of the template's space
   */
  public static Parameters fromDefinition(StrategyTemplate template, Map<String, Number> values) {
    Map<String, Integer> integers = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          double d = value.doubleValue();
          if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                "parameter " + name + "=" + value + " is not an integer");
          }
          integers.put(name, (int) d);
        });
    Parameters parameters = Parameters.of(ordered(template, integers));
    template.validate(parameters);
    return parameters;
  }

  /** {@code values} with the template's parameters first, in its order, then any others. */
  public static Map<String, Integer> ordered(
      StrategyTemplate template, Map<String, Integer> values) {
    Map<String, Integer> ordered = new LinkedHashMap<>();
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

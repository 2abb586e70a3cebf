package io.backtest.engine.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An immutable parameter set: names mapped to integer values in a fixed order, e.g. {@code fast=10,
 * slow=50}.
 *
 * <p>Equality is by content (names and values), as for {@link Map#equals}; the order only matters
 * for {@link #toString()}.
 */
public record Parameters(Map<String, Integer> values) {

  private static final Parameters EMPTY = new Parameters(Map.of());

  /** Copies {@code values}, keeping its iteration order. */
  public Parameters {
    Objects.requireNonNull(values, "values");
    LinkedHashMap<String, Integer> copy = new LinkedHashMap<>();
    values.forEach(
        (name, value) ->
            copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name)));
    values = Collections.unmodifiableMap(copy);
  }

  /** The parameter set with no parameters; start here and add values with {@link #with}. */
  public static Parameters empty() {
    return EMPTY;
  }

  /** Parameters with the names and values of {@code values}, in its iteration order. */
  public static Parameters of(Map<String, Integer> values) {
    return new Parameters(values);
  }

  /**
   * A copy with {@code name} set to {@code value}; a new name goes last, an existing one keeps its
   * place.
   */
  public Parameters with(String name, int value) {
    LinkedHashMap<String, Integer> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new Parameters(copy);
  }

  /**
   * The value of {@code name}.
   *
   * @throws IllegalArgumentException if there is no such parameter
   */
  public int get(String name) {
    Integer value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "no parameter '" + name + "' in " + (values.isEmpty() ? "{}" : toString()));
    }
    return value;
  }

  /** Whether a value is set for {@code name}. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Number of parameters. */
  public int size() {
    return values.size();
  }

  /** {@code name=value} pairs in order, joined by {@code ", "}: {@code fast=10, slow=50}. */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}

package io.backtest.engine.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An immutable parameter set: names mapped to numbers in a fixed order, e.g. {@code fast=10,
 * slow=50, k=2.5}.
 *
 * <p>Values are held as {@link Integer} (whole numbers given as {@code int}, {@code long}, {@code
 * short} or {@code byte} within the int range) or {@link Double} (everything else); {@link
 * ParameterSpace#typed} produces the types a template declares (Integer for INT, Double for
 * DECIMAL). Equality is by name and numeric value, so {@code fast=10} equals {@code fast=10.0}; the
 * order only matters for {@link #toString()} and {@link #asMap()}.
 */
public final class Parameters {

  private static final Parameters EMPTY = new Parameters(Map.of());

  private final Map<String, Number> values;

  private Parameters(Map<String, ? extends Number> values) {
    LinkedHashMap<String, Number> copy = new LinkedHashMap<>();
    values.forEach(
        (name, value) ->
            copy.put(
                Objects.requireNonNull(name, "name"),
                normalise(name, Objects.requireNonNull(value, name))));
    this.values = Collections.unmodifiableMap(copy);
  }

  /** The parameter set with no parameters; start here and add values with {@link #with}. */
  public static Parameters empty() {
    return EMPTY;
  }

  /**
   * Parameters with the names and values of {@code values}, in its iteration order.
   *
   * @throws IllegalArgumentException if a value is NaN or infinite
   */
  public static Parameters of(Map<String, ? extends Number> values) {
    Objects.requireNonNull(values, "values");
    return values.isEmpty() ? EMPTY : new Parameters(values);
  }

  /**
   * A copy with {@code name} set to the integer {@code value}; a new name goes last, an existing
   * one keeps its place.
   */
  public Parameters with(String name, int value) {
    return with(name, (Number) value);
  }

  /**
   * A copy with {@code name} set to the decimal {@code value}; placed as {@link #with(String,
   * int)}.
   */
  public Parameters with(String name, double value) {
    return with(name, (Number) value);
  }

  /**
   * A copy with {@code name} set to {@code value} (kept as Integer when whole and given as an
   * integral type, else Double); placed as {@link #with(String, int)}.
   */
  public Parameters with(String name, Number value) {
    LinkedHashMap<String, Number> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new Parameters(copy);
  }

  /** A copy without {@code name} (unchanged if absent). */
  public Parameters without(String name) {
    LinkedHashMap<String, Number> copy = new LinkedHashMap<>(values);
    copy.remove(name);
    return of(copy);
  }

  /**
   * The value of {@code name} as an {@code int}.
   *
   * @throws IllegalArgumentException if there is no such parameter or its value is not integral
   */
  public int getInt(String name) {
    Number value = require(name);
    if (value instanceof Integer i) {
      return i;
    }
    double d = value.doubleValue();
    if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "parameter '" + name + "' is " + value + ", not an integer");
    }
    return (int) d;
  }

  /** The value of {@code name} as an {@code int}, or {@code fallback} when it is absent. */
  public int getInt(String name, int fallback) {
    return has(name) ? getInt(name) : fallback;
  }

  /**
   * The value of {@code name} as a {@code double}.
   *
   * @throws IllegalArgumentException if there is no such parameter
   */
  public double getDouble(String name) {
    return require(name).doubleValue();
  }

  /** Whether a value is set for {@code name}. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Number of parameters. */
  public int size() {
    return values.size();
  }

  /**
   * The values by name in this set's order (a template's declaration order for sets it produced):
   * {@link Integer} for whole numbers, {@link Double} for decimals. Unmodifiable.
   */
  public Map<String, Number> asMap() {
    return values;
  }

  private Number require(String name) {
    Number value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "no parameter '" + name + "' in " + (values.isEmpty() ? "{}" : toString()));
    }
    return value;
  }

  private static Number normalise(String name, Number value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return value.intValue();
    }
    if (value instanceof Long l && l == l.intValue()) {
      return l.intValue();
    }
    double d = value.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("parameter '" + name + "' is " + value + ", not finite");
    }
    return d;
  }

  /** Equal names with numerically equal values ({@code 10} equals {@code 10.0}). */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Parameters other) || other.values.size() != values.size()) {
      return false;
    }
    for (Map.Entry<String, Number> e : values.entrySet()) {
      Number theirs = other.values.get(e.getKey());
      if (theirs == null || Double.compare(theirs.doubleValue(), e.getValue().doubleValue()) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 0;
    for (Map.Entry<String, Number> e : values.entrySet()) {
      // Order-independent, and consistent with equals: hash the double value.
      hash += e.getKey().hashCode() ^ Double.hashCode(e.getValue().doubleValue());
    }
    return hash;
  }

  /** {@code name=value} pairs in order, joined by {@code ", "}: {@code fast=10, k=2.5}. */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}

package io.backtest.engine.strategy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A parameter's admissible values: {@code min, min + step, …} up to and including {@code max} (when
 * {@code max} is not on the step grid the last value is the largest one below it).
 *
 * <p>Bounds and step are {@link BigDecimal}s so that decimal grids enumerate exactly: {@code
 * 0.1..0.5 step 0.1} gives {@code 0.3}, not {@code 0.30000000000000004}, and a value is on the grid
 * when {@code (value − min) / step} is a whole number in decimal arithmetic. An {@link Type#INT}
 * range has integral bounds and step and yields {@link Integer}s; a {@link Type#DECIMAL} range
 * yields {@link Double}s (the nearest double to the decimal grid value, as {@link
 * BigDecimal#doubleValue()} gives).
 *
 * <p>An {@code optional} parameter may be absent from a parameter set, which switches its feature
 * off (e.g. no stop-loss); it is not part of {@link ParameterSpace#grid()} but is range-checked
 * when present.
 *
 * @param name parameter name, unique within a space
 * @param type integer or decimal values
 * @param min smallest value
 * @param max upper bound (inclusive)
 * @param step distance between consecutive values, {@code > 0}
 * @param optional whether the parameter may be absent
 */
public record ParameterRange(
    String name, Type type, BigDecimal min, BigDecimal max, BigDecimal step, boolean optional) {

  /** The number type of a parameter. */
  public enum Type {
    /** Whole numbers, as {@link Integer}. */
    INT,
    /** Decimal numbers, as {@link Double}. */
    DECIMAL
  }

  public ParameterRange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(step, "step");
    if (name.isBlank()) {
      throw new IllegalArgumentException("parameter name must not be blank");
    }
    if (step.signum() <= 0) {
      throw new IllegalArgumentException(
          "parameter '" + name + "': step must be > 0 but was " + step.toPlainString());
    }
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "parameter '"
              + name
              + "': min "
              + min.toPlainString()
              + " is greater than max "
              + max.toPlainString());
    }
    if (type == Type.INT && !(integral(min) && integral(max) && integral(step))) {
      throw new IllegalArgumentException(
          "parameter '" + name + "': an integer range needs integral min, max and step");
    }
    if (type == Type.INT
        && (min.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
            || max.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
      throw new IllegalArgumentException("parameter '" + name + "': bounds exceed the int range");
    }
    // Normalise the scale so that equal ranges are equal records and messages print 0.5, not 0.50.
    min = normalise(min);
    max = normalise(max);
    step = normalise(step);
  }

  /** A required integer range. */
  public static ParameterRange ofInt(String name, int min, int max, int step) {
    return new ParameterRange(
        name,
        Type.INT,
        BigDecimal.valueOf(min),
        BigDecimal.valueOf(max),
        BigDecimal.valueOf(step),
        false);
  }

  /**
   * A required decimal range; bounds and step are given as decimal text ({@code "0.5"}) so they are
   * exact.
   */
  public static ParameterRange ofDecimal(String name, String min, String max, String step) {
    return new ParameterRange(
        name, Type.DECIMAL, new BigDecimal(min), new BigDecimal(max), new BigDecimal(step), false);
  }

  /** This range, but optional. */
  public ParameterRange asOptional() {
    return new ParameterRange(name, type, min, max, step, true);
  }

  /** Number of admissible values. */
  public int count() {
    BigDecimal span = max.subtract(min).divideToIntegralValue(step);
    return Math.toIntExact(span.longValueExact() + 1);
  }

  /** The {@code k}-th admissible value, {@code 0 <= k < count()}, typed as described above. */
  public Number valueAt(int k) {
    Objects.checkIndex(k, count());
    return typed(min.add(step.multiply(BigDecimal.valueOf(k))));
  }

  /**
   * Why {@code value} is not admissible, or {@code null} when it is: not an integer (INT ranges),
   * outside {@code min..max}, or off the step grid.
   */
  public String problemWith(Number value) {
    BigDecimal decimal = decimal(value);
    if (decimal == null) {
      return name + "=" + value + " is not a finite number";
    }
    if (type == Type.INT && !integral(decimal)) {
      return name + "=" + value + " is not an integer";
    }
    if (decimal.compareTo(min) < 0 || decimal.compareTo(max) > 0) {
      return name + "=" + value + " is outside " + min.toPlainString() + ".." + max.toPlainString();
    }
    if (decimal.subtract(min).remainder(step).signum() != 0) {
      return name + "=" + value + " is not on the grid " + describe();
    }
    return null;
  }

  /** Whether {@code value} lies in {@code [min, max]} and on the step grid. */
  public boolean contains(Number value) {
    return problemWith(value) == null;
  }

  /**
   * {@code value} as this range's Java type: {@link Integer} for INT, {@link Double} for DECIMAL.
   *
   * @throws IllegalArgumentException if {@code value} is not finite, or not integral for INT
   */
  public Number typed(Number value) {
    BigDecimal decimal = decimal(value);
    if (decimal == null) {
      throw new IllegalArgumentException(name + "=" + value + " is not a finite number");
    }
    return typed(decimal);
  }

  private Number typed(BigDecimal value) {
    if (type == Type.INT) {
      if (!integral(value)) {
        throw new IllegalArgumentException(name + "=" + value + " is not an integer");
      }
      return value.intValueExact();
    }
    return value.doubleValue();
  }

  /** Describes the range as {@code min..max step s}, the form used in validation messages. */
  public String describe() {
    return min.toPlainString() + ".." + max.toPlainString() + " step " + step.toPlainString();
  }

  /**
   * The exact decimal of a number: integral types exactly, a {@code double} by its shortest decimal
   * representation ({@link BigDecimal#valueOf(double)}), so {@code 0.1} reads as 0.1. Null for NaN
   * and infinities.
   */
  static BigDecimal decimal(Number value) {
    Objects.requireNonNull(value, "value");
    return switch (value) {
      case BigDecimal d -> d;
      case Integer i -> BigDecimal.valueOf(i);
      case Long l -> BigDecimal.valueOf(l);
      case Short s -> BigDecimal.valueOf(s);
      case Byte b -> BigDecimal.valueOf(b);
      case java.math.BigInteger b -> new BigDecimal(b);
      default -> {
        double d = value.doubleValue();
        yield Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
      }
    };
  }

  private static boolean integral(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  private static BigDecimal normalise(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}

package io.backtest.engine.strategy;

import java.util.Objects;

/**
 * An integer parameter's admissible values: {@code min, min + step, …} up to and including {@code
 * max} (when {@code max} is not on the step grid the last value is the largest one below it).
 */
public record IntRange(String name, int min, int max, int step) {

  public IntRange {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("parameter name must not be blank");
    }
    if (step <= 0) {
      throw new IllegalArgumentException(
          "parameter '" + name + "': step must be > 0 but was " + step);
    }
    if (min > max) {
      throw new IllegalArgumentException(
          "parameter '" + name + "': min " + min + " is greater than max " + max);
    }
  }

  /** Number of admissible values. */
  public int count() {
    // long: max - min overflows int for ranges spanning most of the int domain.
    return Math.toIntExact(((long) max - min) / step + 1);
  }

  /** The {@code k}-th admissible value, {@code 0 <= k < count()}. */
  public int valueAt(int k) {
    Objects.checkIndex(k, count());
    return Math.toIntExact(min + (long) k * step);
  }

  /** Whether {@code value} lies in {@code [min, max]} and on the step grid. */
  public boolean contains(int value) {
    return value >= min && value <= max && ((long) value - min) % step == 0;
  }

  /** Describes the range as {@code min..max step s}, the form used in validation messages. */
  public String describe() {
    return min + ".." + max + " step " + step;
  }
}

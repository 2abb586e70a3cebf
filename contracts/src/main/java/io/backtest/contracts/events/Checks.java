package io.backtest.contracts.events;

import java.util.Objects;

/** Argument checks shared by the event records, so a malformed event fails when it is read. */
final class Checks {
  private Checks() {}

  static <T> T present(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " is required");
  }

  static String text(String value, String field) {
    if (present(value, field).isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  static int atLeast(int value, int min, String field) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + " but was " + value);
    }
    return value;
  }

  static double finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number but was " + value);
    }
    return value;
  }

  static Double finiteOrNull(Double value, String field) {
    if (value != null) {
      finite(value, field);
    }
    return value;
  }

  static String oneOf(String value, String field, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        field + " must be one of " + String.join(", ", allowed) + " but was " + value);
  }
}

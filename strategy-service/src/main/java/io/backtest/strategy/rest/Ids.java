package io.backtest.strategy.rest;

import io.backtest.support.rest.ProblemException;
import java.util.UUID;

/** Parses ids from paths and query parameters, answering 400 naming the parameter. */
final class Ids {
  private Ids() {}

  /** {@code value} as a UUID; null when absent and {@code required} is false. */
  static UUID uuid(String value, String field, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw ProblemException.badRequest(field, "is required");
      }
      return null;
    }
    try {
      UUID id = UUID.fromString(value.trim());
      // UUID.fromString accepts shortened groups such as 1-2-3-4-5; ids are always canonical.
      if (!id.toString().equalsIgnoreCase(value.trim())) {
        throw new IllegalArgumentException(value);
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(field, "must be a UUID but was '" + value + "'");
    }
  }
}

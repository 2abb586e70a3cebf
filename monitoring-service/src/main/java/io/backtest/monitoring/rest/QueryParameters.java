package io.backtest.monitoring.rest;

import io.backtest.support.rest.ProblemException;

/**
 * Reads integer query parameters as text, so that a value that is not a number is a 400 naming the
 * parameter (JAX-RS answers 404 when it cannot convert a typed query parameter).
 */
final class QueryParameters {
  private QueryParameters() {}

  /** {@code raw} as an integer in {@code [min, max]}, or {@code fallback} when absent. */
  static int integer(String name, String raw, int fallback, int min, int max) {
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    String reason = "must be an integer between " + min + " and " + max;
    int value;
    try {
      value = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(name, reason + " but was '" + raw + "'");
    }
    if (value < min || value > max) {
      throw ProblemException.badRequest(name, reason + " but was " + value);
    }
    return value;
  }
}

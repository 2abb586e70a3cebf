package io.backtest.scoring.rest;

import io.backtest.support.rest.ProblemException;
import java.util.UUID;

/**
 * Path and query parameters read by hand, so that a malformed one is a 400 problem naming it
 * (JAX-RS answers 404 when it cannot convert a path or query parameter itself).
 */
final class Params {
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 100;

  private Params() {}

  /** A UUID path parameter. */
  static UUID uuid(String name, String value) {
    try {
      if (value != null && value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw ProblemException.badRequest("path." + name, "must be a UUID but was '" + value + "'");
  }

  /** The {@code page} query parameter: an integer >= 0, 0 when absent. */
  static int page(String value) {
    return integer("page", value, 0, 0, Integer.MAX_VALUE);
  }

  /** The {@code size} query parameter: an integer in 1..100, 20 when absent. */
  static int size(String value) {
    return integer("size", value, DEFAULT_SIZE, 1, MAX_SIZE);
  }

  /** Checks that a page's first row is addressable. */
  static void checkOffset(int page, int size) {
    if ((long) page * size > Integer.MAX_VALUE) {
      throw ProblemException.badRequest(
          "query.page", "must be at most " + Integer.MAX_VALUE / size + " for size " + size);
    }
  }

  private static int integer(String name, String value, int absent, int min, int max) {
    if (value == null) {
      return absent;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(
          "query." + name, "must be an integer but was '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      String range = max == Integer.MAX_VALUE ? ">= " + min : "between " + min + " and " + max;
      throw ProblemException.badRequest("query." + name, "must be " + range + " but was " + parsed);
    }
    return parsed;
  }
}

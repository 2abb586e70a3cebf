package io.backtest.strategy.rest;

import io.backtest.support.rest.ProblemException;

/**
 * Validated paging query parameters: {@code page} (0-based, default 0) and {@code size} (1 to
 * {@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}).
 *
 * <p>The parameters are taken as text and parsed here: JAX-RS answers a query parameter that does
 * not convert to its Java type with a bare 404, where a client needs a 400 naming the parameter.
 */
public record PageRequest(int page, int size) {
  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  /**
   * Parses the query parameters.
   *
   * @throws ProblemException 400 naming {@code page} or {@code size} when invalid
   */
  public static PageRequest of(String page, String size) {
    int p = parse(page, "page", 0);
    if (p < 0) {
      throw ProblemException.badRequest("page", "must be >= 0 but was " + p);
    }
    int s = parse(size, "size", DEFAULT_SIZE);
    if (s < 1 || s > MAX_SIZE) {
      throw ProblemException.badRequest(
          "size", "must be between 1 and " + MAX_SIZE + " but was " + s);
    }
    return new PageRequest(p, s);
  }

  private static int parse(String value, String field, int fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(field, "must be an integer but was '" + value + "'");
    }
  }
}

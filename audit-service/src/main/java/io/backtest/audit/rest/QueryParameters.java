package io.backtest.audit.rest;

import io.backtest.support.rest.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses request parameters taken as text, so that a bad value gets a 400 problem naming it (JAX-RS
 * answers 404 when a typed query parameter does not convert).
 */
final class QueryParameters {
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 100;

  private QueryParameters() {}

  /** {@code page}: an integer >= 0, 0 when absent. */
  static int page(String raw) {
    if (blank(raw)) {
      return 0;
    }
    int page = integer("query.page", raw);
    if (page < 0) {
      throw ProblemException.badRequest("query.page", "must be >= 0 but was " + page);
    }
    return page;
  }

  /** {@code size}: an integer in 1..100, 20 when absent. */
  static int size(String raw) {
    if (blank(raw)) {
      return DEFAULT_SIZE;
    }
    int size = integer("query.size", raw);
    if (size < 1 || size > MAX_SIZE) {
      throw ProblemException.badRequest(
          "query.size", "must be between 1 and " + MAX_SIZE + " but was " + size);
    }
    return size;
  }

  /** An optional ISO-8601 instant such as {@code 2026-01-05T10:15:30Z}. */
  static Instant instant(String field, String raw) {
    if (blank(raw)) {
      return null;
    }
    try {
      return Instant.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          field, "must be an ISO-8601 instant such as 2026-01-05T10:15:30Z but was '" + raw + "'");
    }
  }

  /** An optional text filter: absent or blank means no filter. */
  static String text(String raw) {
    return blank(raw) ? null : raw.trim();
  }

  /** The {@code seq} path parameter: an integer >= 1. */
  static long seq(String raw) {
    long seq;
    try {
      seq = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(
          "path.seq", "must be an integer >= 1 but was '" + raw + "'");
    }
    if (seq < 1) {
      throw ProblemException.badRequest("path.seq", "must be an integer >= 1 but was " + seq);
    }
    return seq;
  }

  private static int integer(String field, String raw) {
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(field, "must be an integer but was '" + raw + "'");
    }
  }

  private static boolean blank(String raw) {
    return raw == null || raw.isBlank();
  }
}

package io.backtest.support.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * Parses path and query parameters taken as text, so that a bad value is a 400 problem naming the
 * parameter and saying why. (JAX-RS answers a typed parameter that does not convert with a bare
 * 404, which tells a client nothing.)
 */
public final class RequestParameters {
  private RequestParameters() {}

  /** {@code raw} as an integer in {@code [min, max]}, or {@code fallback} when absent. */
  public static int integer(String name, String raw, int fallback, int min, int max) {
    if (blank(raw)) {
      return fallback;
    }
    return (int) longInteger(name, raw, min, max);
  }

  /** {@code raw} as a long in {@code [min, max]}; required. */
  public static long longInteger(String name, String raw, long min, long max) {
    String reason =
        "must be an integer "
            + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? ">= " + min
                : "between " + min + " and " + max);
    if (blank(raw)) {
      throw ProblemException.badRequest(name, "is required");
    }
    long value;
    try {
      value = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(name, reason + " but was '" + raw + "'");
    }
    if (value < min || value > max) {
      throw ProblemException.badRequest(name, reason + " but was " + value);
    }
    return value;
  }

  /** {@code raw} as a UUID in its canonical form; required. */
  public static UUID uuid(String name, String raw) {
    if (blank(raw)) {
      throw ProblemException.badRequest(name, "is required");
    }
    return optionalUuid(name, raw);
  }

  /** {@code raw} as a UUID in its canonical form, or null when absent. */
  public static UUID optionalUuid(String name, String raw) {
    if (blank(raw)) {
      return null;
    }
    String value = raw.strip();
    try {
      UUID id = UUID.fromString(value);
      // UUID.fromString also takes shortened groups such as 1-2-3-4-5; ids are always canonical.
      if (id.toString().equalsIgnoreCase(value)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw ProblemException.badRequest(name, "must be a UUID but was '" + raw + "'");
  }

  /** {@code raw} as an ISO-8601 instant such as {@code 2026-01-05T10:15:30Z}, or null. */
  public static Instant optionalInstant(String name, String raw) {
    if (blank(raw)) {
      return null;
    }
    try {
      return Instant.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          name, "must be an ISO-8601 instant such as 2026-01-05T10:15:30Z but was '" + raw + "'");
    }
  }

  /** {@code raw} as a constant of {@code type} (any case), or null when absent. */
  public static <E extends Enum<E>> E optionalEnum(String name, String raw, Class<E> type) {
    if (blank(raw)) {
      return null;
    }
    try {
      return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
      }
      throw ProblemException.badRequest(
          name, "must be one of " + allowed + " but was '" + raw + "'");
    }
  }

  /** An optional text filter: absent or blank means no filter. */
  public static String optionalText(String raw) {
    return blank(raw) ? null : raw.strip();
  }

  private static boolean blank(String raw) {
    return raw == null || raw.isBlank();
  }
}

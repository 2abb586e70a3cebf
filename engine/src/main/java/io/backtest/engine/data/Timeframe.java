package io.backtest.engine.data;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bar lengths as datasets and the market feed name them: a short form ({@code 30s}, {@code 5m},
 * {@code 4h}, {@code 1d}, {@code 1w}) or an ISO-8601 duration ({@code PT5M}, {@code P1D}).
 */
public final class Timeframe {
  private static final Pattern SHORT = Pattern.compile("([1-9]\\d{0,5})([smhdw])");

  private Timeframe() {}

  /**
   * The length of one bar.
   *
   * @throws IllegalArgumentException if {@code timeframe} is neither form or not positive
   */
  public static Duration parse(String timeframe) {
    if (timeframe == null || timeframe.isBlank()) {
      throw new IllegalArgumentException("timeframe is empty");
    }
    Matcher m = SHORT.matcher(timeframe);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    Duration duration;
    try {
      duration = Duration.parse(timeframe);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timeframe '" + timeframe + "' is neither like 1d, 5m, 4h nor an ISO-8601 duration", e);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("timeframe '" + timeframe + "' is not positive");
    }
    return duration;
  }
}

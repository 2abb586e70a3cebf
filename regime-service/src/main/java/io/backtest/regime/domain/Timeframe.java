package io.backtest.regime.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bar length in the feed's short form, with the number of such bars in a year used to annualise
 * statistics.
 *
 * <p>Accepted forms: {@code <n>m} (minutes), {@code <n>h} (hours) and {@code 1d}. Intraday bars are
 * taken to come from a market that trades around the clock every day (crypto-style 24/7 data):
 * {@code barsPerYear = 365 × 24 × 60 / minutes} (a 365-day year, leap days ignored), so {@code 1h}
 * → 8760 and {@code 5m} → 105 120. Daily bars follow the equity convention of 252 trading days a
 * year (Hull, <i>Options, Futures, and Other Derivatives</i>, "Estimating volatility from
 * historical data"). Intraday bars of an exchange with trading hours would be over-annualised by
 * this rule; such feeds need a calendar, which the feed does not carry.
 *
 * @param text the timeframe as the feed writes it
 * @param minutes bar length in minutes
 * @param barsPerYear bars in one year
 */
public record Timeframe(String text, int minutes, double barsPerYear) {
  /** Minutes in a 365-day year. */
  public static final double MINUTES_PER_YEAR = 365.0 * 24 * 60;

  /** Trading days in a year for daily bars. */
  public static final double TRADING_DAYS_PER_YEAR = 252;

  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})([mhd])");

  /**
   * Reads a timeframe.
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code text} is not one
   */
  public static Timeframe parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text);
    if (m == null || !m.matches()) {
      throw unsupported(text);
    }
    int n = Integer.parseInt(m.group(1));
    return switch (m.group(2)) {
      case "m" -> new Timeframe(text, n, MINUTES_PER_YEAR / n);
      case "h" -> new Timeframe(text, n * 60, MINUTES_PER_YEAR / (n * 60));
      default -> {
        if (n != 1) {
          throw unsupported(text);
        }
        yield new Timeframe(text, 24 * 60, TRADING_DAYS_PER_YEAR);
      }
    };
  }

  private static IllegalArgumentException unsupported(String text) {
    return new IllegalArgumentException(
        "timeframe '" + text + "' is not supported: use <n>m (minutes), <n>h (hours) or 1d");
  }
}

package io.backtest.engine.data;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many bars make one year, inferred from the bar times, for annualising metrics.
 *
 * <p>The rule, on the median spacing {@code s} between consecutive bar open times (the lower of the
 * two middle values for an even count) and the calendar in UTC:
 *
 * <ul>
 *   <li>weekly ({@code 6 d <= s <= 8 d}): 52;
 *   <li>monthly ({@code 28 d <= s <= 31 d}): 12;
 *   <li>daily ({@code 20 h <= s <= 28 h}): 365 when any bar opens on a Saturday or Sunday (markets
 *       open every day, e.g. crypto), else 252 (the usual count of trading days of an exchange);
 *   <li>intraday ({@code s < 20 h}): {@code 365 x 86400 / s} when trading is continuous, else
 *       {@code 252 x} the median number of bars per UTC date that has bars. Trading is continuous
 *       when a bar opens on a Saturday or Sunday, or when the bars span no weekend and some UTC
 *       date is fully covered ({@code 86400 / s} bars), as a 24-hour market shows even in a few
 *       days;
 *   <li>any other spacing: {@code 365 x 86400 / s}.
 * </ul>
 *
 * <p>So weekday daily bars give 252, 1-minute crypto bars {@code 365 x 1440 = 525600}, 5-minute
 * crypto bars {@code 105120}, and 1-minute bars of a 6.5-hour exchange session {@code 252 x 390 =
 * 98280}.
 */
public final class BarsPerYear {
  private static final long DAY = 86_400;

  private BarsPerYear() {}

  /**
   * Bars per year of {@code bars}.
   *
   * @throws IllegalArgumentException with fewer than 2 bars or times not strictly increasing
   */
  public static double infer(List<OhlcvBar> bars) {
    Objects.requireNonNull(bars, "bars");
    if (bars.size() < 2) {
      throw new IllegalArgumentException(
          "at least 2 bars are needed to infer bars per year but there are " + bars.size());
    }
    long[] spacings = new long[bars.size() - 1];
    for (int k = 1; k < bars.size(); k++) {
      long spacing = bars.get(k).time().getEpochSecond() - bars.get(k - 1).time().getEpochSecond();
      if (spacing <= 0) {
        throw new IllegalArgumentException("bar " + k + " does not open after bar " + (k - 1));
      }
      spacings[k - 1] = spacing;
    }
    Arrays.sort(spacings);
    long s = spacings[(spacings.length - 1) / 2];
    if (s >= 6 * DAY && s <= 8 * DAY) {
      return 52;
    }
    if (s >= 28 * DAY && s <= 31 * DAY) {
      return 12;
    }
    boolean weekendBars = bars.stream().anyMatch(b -> isWeekend(date(b)));
    if (s >= DAY * 20 / 24 && s <= DAY * 28 / 24) {
      return weekendBars ? 365 : 252;
    }
    if (s < DAY * 20 / 24) {
      Map<LocalDate, Integer> perDate = new TreeMap<>();
      for (OhlcvBar bar : bars) {
        perDate.merge(date(bar), 1, Integer::sum);
      }
      long fullDay = DAY / s;
      boolean someDateFull = perDate.values().stream().anyMatch(n -> n >= fullDay);
      boolean continuous =
          weekendBars
              || (!spansWeekend(date(bars.getFirst()), date(bars.getLast())) && someDateFull);
      if (continuous) {
        return 365.0 * DAY / s;
      }
      int[] counts = perDate.values().stream().mapToInt(Integer::intValue).sorted().toArray();
      return 252.0 * counts[(counts.length - 1) / 2];
    }
    return 365.0 * DAY / s;
  }

  private static LocalDate date(OhlcvBar bar) {
    return LocalDate.ofInstant(bar.time(), ZoneOffset.UTC);
  }

  private static boolean isWeekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /** Whether a Saturday or Sunday lies within {@code [first, last]}. */
  private static boolean spansWeekend(LocalDate first, LocalDate last) {
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (isWeekend(d)) {
        return true;
      }
    }
    return false;
  }
}

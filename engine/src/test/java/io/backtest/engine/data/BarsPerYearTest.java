package io.backtest.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.TestSeries;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarsPerYearTest {

  private static OhlcvBar bar(Instant time) {
    return new OhlcvBar(time, 1, 1, 1, 1, 1);
  }

  /** Bars every {@code step} from {@code start}, keeping those {@code keep} accepts. */
  private static List<OhlcvBar> bars(
      Instant start, Duration step, int count, java.util.function.Predicate<Instant> keep) {
    List<OhlcvBar> bars = new ArrayList<>();
    for (Instant t = start; bars.size() < count; t = t.plus(step)) {
      if (keep.test(t)) {
        bars.add(bar(t));
      }
    }
    return bars;
  }

  private static boolean weekday(Instant t) {
    DayOfWeek d = LocalDate.ofInstant(t, ZoneOffset.UTC).getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
  }

  @Test
  void weekdayDailyBarsAre252() {
    assertThat(BarsPerYear.infer(TestSeries.appleBars())).isEqualTo(252);
    assertThat(
            BarsPerYear.infer(
                bars(
                    Instant.parse("2024-01-01T00:00:00Z"),
                    Duration.ofDays(1),
                    300,
                    BarsPerYearTest::weekday)))
        .isEqualTo(252);
  }

  @Test
  void dailyBarsWithWeekendsAre365() {
    assertThat(
            BarsPerYear.infer(
                bars(Instant.parse("2024-01-01T00:00:00Z"), Duration.ofDays(1), 30, t -> true)))
        .isEqualTo(365);
  }

  @Test
  void minuteBarsOfA24By7MarketAre525600() {
    assertThat(
            BarsPerYear.infer(
                bars(
                    Instant.parse("2024-01-05T00:00:00Z"), Duration.ofMinutes(1), 5000, t -> true)))
        .isEqualTo(365.0 * 24 * 60);
  }

  @Test
  void fiveMinuteCryptoBarsOfTwoWeekdaysAreStill24By7() throws Exception {
    // Monday 18:00 to Wednesday 18:15: no weekend in range, but Tuesday is fully covered
    assertThat(BarsPerYear.infer(JsonBarsTest.ethBars())).isEqualTo(365.0 * 288);
  }

  @Test
  void bitstampMinutesWithGapsAre525600() throws Exception {
    assertThat(BarsPerYear.infer(TradesToBarsTest.btcMinutes().bars())).isEqualTo(525_600);
  }

  @Test
  void exchangeSessionMinuteBarsAre252TimesBarsPerDay() {
    // 14:30-21:00 UTC, Monday to Friday: 390 one-minute bars a day
    List<OhlcvBar> session =
        bars(
            Instant.parse("2024-01-01T14:30:00Z"),
            Duration.ofMinutes(1),
            390 * 12,
            t -> {
              long minute = t.getEpochSecond() % 86_400 / 60;
              return weekday(t) && minute >= 14 * 60 + 30 && minute < 21 * 60;
            });
    assertThat(BarsPerYear.infer(session)).isEqualTo(252.0 * 390);
  }

  @Test
  void weeklyAndMonthlyBars() {
    assertThat(
            BarsPerYear.infer(
                bars(Instant.parse("2024-01-01T00:00:00Z"), Duration.ofDays(7), 20, t -> true)))
        .isEqualTo(52);
    List<OhlcvBar> monthly = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      monthly.add(bar(LocalDate.of(2024, m, 1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
    assertThat(BarsPerYear.infer(monthly)).isEqualTo(12);
  }

  @Test
  void hourlyBarsOfA24By7Market() {
    assertThat(
            BarsPerYear.infer(
                bars(
                    Instant.parse("2024-01-01T00:00:00Z"),
                    Duration.ofHours(1),
                    24 * 10,
                    t -> true)))
        .isEqualTo(365.0 * 24);
  }

  @Test
  void fewerThanTwoBarsCannotBeInferred() {
    assertThatThrownBy(() -> BarsPerYear.infer(List.of(bar(Instant.EPOCH))))
        .hasMessageContaining("at least 2 bars");
  }
}

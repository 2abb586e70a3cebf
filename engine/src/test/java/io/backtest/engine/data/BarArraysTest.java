package io.backtest.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.TestSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;

class BarArraysTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void columnsAndSeriesHoldTheSameBars() {
    List<OhlcvBar> bars = TestSeries.appleBars();
    BarArrays arrays = BarArrays.of("aapl", bars, Duration.ofDays(1));
    BarSeries series = arrays.toSeries();

    assertThat(arrays.size()).isEqualTo(bars.size()).isEqualTo(series.getBarCount());
    assertThat(arrays.toBars()).isEqualTo(bars);
    for (int k = 0; k < arrays.size(); k++) {
      assertThat(arrays.close()[k]).isEqualTo(series.getBar(k).getClosePrice().doubleValue());
      assertThat(arrays.openTime(k)).isEqualTo(series.getBar(k).getBeginTime());
      assertThat(arrays.closeTime(k)).isEqualTo(series.getBar(k).getEndTime());
    }
  }

  @Test
  void invalidBarsAreRejectedNamingTheBar() {
    OhlcvBar good = new OhlcvBar(T0, 1, 2, 0.5, 1.5, 10);

    assertThatThrownBy(
            () ->
                BarArrays.of(
                    "x",
                    List.of(good, new OhlcvBar(T0.plusSeconds(60), 1, 2, 0, 1, 1)),
                    Duration.ofMinutes(1)))
        .hasMessage("bar 1 has low 0.0; prices must be finite and > 0");
    assertThatThrownBy(() -> BarArrays.of("x", List.of(good, good), Duration.ofMinutes(1)))
        .hasMessageContaining("bar 1 at 2024-01-01T00:00:00Z is not after bar 0");
    assertThatThrownBy(() -> BarArrays.of("x", List.of(), Duration.ofMinutes(1)))
        .hasMessage("series 'x' has no bars");
    assertThatThrownBy(
            () ->
                BarArrays.of(
                    "x",
                    List.of(new OhlcvBar(T0.plusMillis(5), 1, 1, 1, 1, 1)),
                    Duration.ofMinutes(1)))
        .hasMessageContaining("fraction of a second");
  }
}

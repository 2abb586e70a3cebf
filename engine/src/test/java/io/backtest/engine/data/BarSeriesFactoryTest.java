package io.backtest.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.TestSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.DoubleNumFactory;

class BarSeriesFactoryTest {

  private static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");

  @Test
  void barsBeginAtTheirTimeAndLastTheGivenDuration() {
    List<OhlcvBar> bars =
        List.of(
            new OhlcvBar(T0, 10, 12, 9, 11, 500),
            new OhlcvBar(T0.plus(Duration.ofMinutes(5)), 11, 13, 10, 12.5, 700));

    BarSeries series = BarSeriesFactory.toSeries("X", bars, Duration.ofMinutes(5));

    assertThat(series.getName()).isEqualTo("X");
    assertThat(series.getBarCount()).isEqualTo(2);
    Bar second = series.getBar(1);
    assertThat(second.getBeginTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(second.getEndTime()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(second.getTimePeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(second.getOpenPrice().doubleValue()).isEqualTo(11);
    assertThat(second.getHighPrice().doubleValue()).isEqualTo(13);
    assertThat(second.getLowPrice().doubleValue()).isEqualTo(10);
    assertThat(second.getClosePrice().doubleValue()).isEqualTo(12.5);
    assertThat(second.getVolume().doubleValue()).isEqualTo(700);
  }

  @Test
  void seriesIsBackedByDoubleNums() {
    BarSeries series = TestSeries.apple();

    assertThat(series.numFactory()).isInstanceOf(DoubleNumFactory.class);
    assertThat(series.getBar(0).getClosePrice()).isInstanceOf(DoubleNum.class);
    assertThat(series.getBarCount()).isEqualTo(252);
  }

  @Test
  void outOfOrderBarsAreRejectedByIndex() {
    List<OhlcvBar> bars = List.of(new OhlcvBar(T0, 1, 1, 1, 1, 0), new OhlcvBar(T0, 1, 1, 1, 1, 0));

    assertThatThrownBy(() -> BarSeriesFactory.toSeries("X", bars, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bar 1 at 2024-03-01T14:30:00Z is not after bar 0");
  }

  @Test
  void nonPositiveDurationIsRejected() {
    assertThatThrownBy(() -> BarSeriesFactory.toSeries("X", List.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

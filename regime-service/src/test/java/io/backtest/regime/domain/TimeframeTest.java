package io.backtest.regime.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeframeTest {

  @ParameterizedTest
  @CsvSource({
    // daily bars: 252 trading days; intraday: 365 days of 24 h of 60 min / bar minutes
    "1d, 1440, 252",
    "4h, 240, 2190",
    "1h, 60, 8760",
    "15m, 15, 35040",
    "5m, 5, 105120",
    "1m, 1, 525600"
  })
  void barsPerYearFollowsTheTimeframe(String text, int minutes, double barsPerYear) {
    Timeframe timeframe = Timeframe.parse(text);
    assertThat(timeframe.text()).isEqualTo(text);
    assertThat(timeframe.minutes()).isEqualTo(minutes);
    assertThat(timeframe.barsPerYear()).isEqualTo(barsPerYear);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "d", "0m", "01h", "2d", "1w", "1M", "5 m", "PT5M", "-1h", "1000000m"})
  void unsupportedFormsAreRejectedNamingTheAcceptedOnes(String text) {
    assertThatThrownBy(() -> Timeframe.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not supported")
        .hasMessageContaining("<n>m (minutes), <n>h (hours) or 1d");
  }

  @org.junit.jupiter.api.Test
  void nullIsRejected() {
    assertThatThrownBy(() -> Timeframe.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}

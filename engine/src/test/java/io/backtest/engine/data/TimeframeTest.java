package io.backtest.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeframeTest {

  @Test
  void shortFormsNameSecondsMinutesHoursDaysAndWeeks() {
    assertThat(Timeframe.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Timeframe.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Timeframe.parse("4h")).isEqualTo(Duration.ofHours(4));
    assertThat(Timeframe.parse("1d")).isEqualTo(Duration.ofHours(24));
    assertThat(Timeframe.parse("1w")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void isoDurationsAreAccepted() {
    assertThat(Timeframe.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Timeframe.parse("P1D")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void anythingElseIsRefused() {
    for (String bad : new String[] {"", "0d", "1y", "d", "-PT1M", "PT0S", "1 d"}) {
      assertThatThrownBy(() -> Timeframe.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}

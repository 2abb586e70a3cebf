package io.backtest.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReturnSeriesTest {

  @Test
  void shortSeriesKeepsEveryBarToBinary32Precision() {
    double[] returns = {0.01, -0.02, 0.0, 1.5e-5, -0.25};
    ReturnSeries series = ReturnSeries.of(returns);

    assertThat(series.encoding()).isEqualTo("f32le-base64");
    assertThat(series.count()).isEqualTo(5);
    assertThat(series.barsPerPoint()).isEqualTo(1);
    // 5 × 4 bytes = 20 bytes -> 28 Base64 characters with padding.
    assertThat(series.data()).hasSize(28);
    double[] decoded = series.values();
    for (int i = 0; i < returns.length; i++) {
      assertThat(decoded[i]).isCloseTo(returns[i], within(Math.abs(returns[i]) * 1e-7 + 1e-12));
    }
  }

  @Test
  void knownBytesDecodeToKnownValues() {
    // 1.0f = 0x3F800000 and -0.5f = 0xBF000000, little-endian: 00 00 80 3F 00 00 00 BF.
    ReturnSeries series = new ReturnSeries("f32le-base64", 2, 1, "AACAPwAAAL8=");
    assertThat(series.values()).containsExactly(1.0, -0.5);
  }

  @Test
  void longSeriesCompoundsConsecutiveBarsUnderTheBound() {
    int n = 2 * ReturnSeries.MAX_POINTS + 1; // needs 3 bars per point
    double[] returns = new double[n];
    for (int i = 0; i < n; i++) {
      returns[i] = 0.001;
    }
    ReturnSeries series = ReturnSeries.of(returns);

    assertThat(series.barsPerPoint()).isEqualTo(3);
    assertThat(series.count()).isEqualTo((n + 2) / 3);
    assertThat(series.count()).isLessThanOrEqualTo(ReturnSeries.MAX_POINTS);
    double[] points = series.values();
    assertThat(points[0]).isCloseTo(Math.pow(1.001, 3) - 1, within(1e-9));
    // 40,001 = 13,333 × 3 + 2: the last point covers the two remaining bars.
    assertThat(points[points.length - 1]).isCloseTo(Math.pow(1.001, 2) - 1, within(1e-9));
    assertThat(series.pointsPerYear(252)).isEqualTo(84);
  }

  @Test
  void malformedSeriesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> new ReturnSeries("f64", 0, 1, ""))
        .hasMessageContaining("encoding must be one of f32le-base64");
    assertThatThrownBy(() -> new ReturnSeries("f32le-base64", 3, 1, "AACAPwAAAL8="))
        .hasMessageContaining("data holds 8 bytes but count 3 needs 12");
    assertThatThrownBy(() -> new ReturnSeries("f32le-base64", 1, 1, "%%%%"))
        .hasMessageContaining("data is not Base64");
    // 0x7FC00000 is NaN.
    assertThatThrownBy(() -> new ReturnSeries("f32le-base64", 1, 1, "AADAfw=="))
        .hasMessageContaining("data[0] must be a finite number");
    assertThatThrownBy(() -> ReturnSeries.of(new double[] {Double.NaN}))
        .hasMessageContaining("returns[0]");
  }
}

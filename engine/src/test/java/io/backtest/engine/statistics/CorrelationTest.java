package io.backtest.engine.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {

  @Test
  void pearsonOfHandWorkedSeries() {
    assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isEqualTo(1);
    assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(-1);
    // x = 1,2,3,4; y = 1,3,2,4: sxy = 4, sxx = syy = 5 → 0.8
    assertThat(Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}))
        .isCloseTo(0.8, within(1e-15));
  }

  @Test
  void aConstantSeriesCorrelatesWithNothing() {
    assertThat(Correlation.pearson(new double[] {0, 0, 0}, new double[] {1, 5, 2})).isZero();
    assertThat(Correlation.pearson(new double[] {1}, new double[] {2})).isNaN();
    assertThatThrownBy(() -> Correlation.pearson(new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

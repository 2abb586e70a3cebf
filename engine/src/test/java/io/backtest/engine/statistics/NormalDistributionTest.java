package io.backtest.engine.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {

  @Test
  void cdfMatchesPublishedValues() {
    // values from Abramowitz & Stegun, table 26.1, to the digits printed there
    assertThat(NormalDistribution.cdf(0)).isEqualTo(0.5);
    assertThat(NormalDistribution.cdf(1)).isCloseTo(0.841344746068543, within(1e-14));
    assertThat(NormalDistribution.cdf(-1)).isCloseTo(0.158655253931457, within(1e-14));
    assertThat(NormalDistribution.cdf(1.96)).isCloseTo(0.975002104851780, within(1e-14));
    assertThat(NormalDistribution.cdf(-3)).isCloseTo(0.001349898031630, within(1e-14));
  }

  @Test
  void inverseCdfMatchesPublishedQuantilesAndInvertsTheCdf() {
    assertThat(NormalDistribution.inverseCdf(0.975)).isCloseTo(1.959963984540054, within(1e-12));
    assertThat(NormalDistribution.inverseCdf(0.5)).isCloseTo(0, within(1e-15));
    assertThat(NormalDistribution.inverseCdf(0.01)).isCloseTo(-2.326347874040841, within(1e-12));
    assertThat(NormalDistribution.inverseCdf(1e-6)).isCloseTo(-4.753424308822899, within(1e-10));
    for (double p = 0.001; p < 1; p += 0.0137) {
      assertThat(NormalDistribution.cdf(NormalDistribution.inverseCdf(p)))
          .isCloseTo(p, within(1e-13));
    }
    assertThat(NormalDistribution.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(NormalDistribution.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
  }
}

package io.backtest.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PerformanceMetrics#of} computes its statistics in fused passes; they must be exactly the
 * separate definitions of {@link ReturnStatistics}, to the last bit.
 */
class PerformanceMetricsDefinitionTest {

  @Test
  void fusedStatisticsEqualTheSeparateDefinitionsBitForBit() {
    Random random = new Random(3);
    for (int n : new int[] {2, 3, 17, 1_000, 50_000}) {
      double[] equity = new double[n];
      equity[0] = 10_000;
      for (int i = 1; i < n; i++) {
        equity[i] = equity[i - 1] * (1 + 0.01 * random.nextGaussian() + 0.0002);
      }
      double[] returns = new double[n - 1];
      for (int i = 1; i < n; i++) {
        returns[i - 1] = equity[i] / equity[i - 1] - 1;
      }
      PerformanceMetrics m = PerformanceMetrics.of(returns, equity, List.of(), 252);

      assertThat(m.sharpe()).isEqualTo(ReturnStatistics.sharpeRatio(returns, 252));
      assertThat(m.sortino()).isEqualTo(ReturnStatistics.sortinoRatio(returns, 252));
      assertThat(m.annualisedVolatility())
          .isEqualTo(ReturnStatistics.sampleStandardDeviation(returns) * Math.sqrt(252));
      assertThat(m.maxDrawdown()).isEqualTo(ReturnStatistics.maxDrawdown(equity));
      assertThat(m.maxDrawdownBars()).isEqualTo(ReturnStatistics.maxDrawdownBars(equity));
      double skew = ReturnStatistics.skewness(returns);
      double kurt = ReturnStatistics.kurtosis(returns);
      assertThat(m.skewness()).isEqualTo(Double.isFinite(skew) ? skew : null);
      assertThat(m.kurtosis()).isEqualTo(Double.isFinite(kurt) ? kurt : null);
    }
  }
}

package io.backtest.engine.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeflatedSharpeRatioTest {

  /**
   * Bailey &amp; López de Prado (2014), §4 numerical example: N = 100 trials whose annualised
   * Sharpe ratios vary with V = 0.5, a selected annualised SR of 2.5 over T = 1,250 daily returns
   * with skewness −3 and kurtosis 10 → SR₀ ≈ 0.1132 a day and DSR ≈ 0.9004.
   */
  @Test
  void reproducesThePapersWorkedExample() {
    double days = 250;
    double sharpe = 2.5 / Math.sqrt(days);
    double variance = 0.5 / days;
    assertThat(DeflatedSharpeRatio.expectedMaximumSharpe(variance, 100))
        .isCloseTo(0.1132, within(1e-4));
    assertThat(DeflatedSharpeRatio.of(sharpe, 1250, -3, 10, variance, 100))
        .isCloseTo(0.9004, within(5e-4));
  }

  @Test
  void passingExcessInsteadOfRawKurtosisGivesAnotherAnswer() {
    double sharpe = 2.5 / Math.sqrt(250);
    double raw = DeflatedSharpeRatio.of(sharpe, 1250, -3, 10, 0.5 / 250, 100);
    double excess = DeflatedSharpeRatio.of(sharpe, 1250, -3, 7, 0.5 / 250, 100);
    assertThat(excess - raw).isGreaterThan(0.001);
  }

  @Test
  void probabilisticSharpeRatioIsOneHalfAtTheBenchmarkAndGrowsWithTheRecord() {
    assertThat(ProbabilisticSharpeRatio.of(0.1, 0.1, 500, 0, 3)).isEqualTo(0.5);
    // normal returns: z = SR √(T − 1) / √(1 + SR²/2)
    double z = 0.1 * Math.sqrt(499) / Math.sqrt(1 + 0.01 / 2);
    assertThat(ProbabilisticSharpeRatio.of(0.1, 0, 500, 0, 3))
        .isCloseTo(NormalDistribution.cdf(z), within(1e-15));
    assertThat(ProbabilisticSharpeRatio.of(0.1, 0, 2000, 0, 3))
        .isGreaterThan(ProbabilisticSharpeRatio.of(0.1, 0, 500, 0, 3));
  }

  @Test
  void oneTrialNeedsNoDeflation() {
    assertThat(DeflatedSharpeRatio.expectedMaximumZ(1)).isZero();
    assertThat(DeflatedSharpeRatio.of(0.05, 1000, 0, 3, 0.001, 1))
        .isEqualTo(ProbabilisticSharpeRatio.of(0.05, 0, 1000, 0, 3));
  }

  @Test
  void moreTrialsDeflateMore() {
    double few = DeflatedSharpeRatio.of(0.08, 1250, 0, 3, 1.0 / 1249, 10);
    double many = DeflatedSharpeRatio.of(0.08, 1250, 0, 3, 1.0 / 1249, 4200);
    assertThat(many).isLessThan(few);
  }

  /**
   * Bailey, Borwein, López de Prado &amp; Zhu (2014), Figure 2 and text: with 5 years of data no
   * more than about 45 independent configurations should be tried, or an annualised Sharpe ratio of
   * 1 is expected from luck alone; MinBTL is bounded by 2 ln N / SR².
   */
  @Test
  void minimumBacktestLengthMatchesThePaper() {
    double years = MinimumBacktestLength.years(45, 1.0);
    assertThat(years).isCloseTo(5.0, within(0.01));
    assertThat(years).isLessThan(2 * Math.log(45));
    assertThat(MinimumBacktestLength.years(45, 2.0)).isCloseTo(years / 4, within(1e-12));
    assertThat(MinimumBacktestLength.years(45, -0.3)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(MinimumBacktestLength.years(1, 0.5)).isZero();
  }
}

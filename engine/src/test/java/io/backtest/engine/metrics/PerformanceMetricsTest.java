package io.backtest.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.backtest.Trade;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PerformanceMetricsTest {

  private static final Offset<Double> EPS = within(1e-9);
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  /**
   * returns r = {0.01, −0.02, 0.03, 0.00}, barsPerYear 252:
   *
   * <pre>
   * mean          = 0.02 / 4                                        = 0.005
   * deviations    = 0.005, −0.025, 0.025, −0.005
   * Σ dev²        = 0.000025 + 0.000625 + 0.000625 + 0.000025       = 0.0013
   * sample std    = sqrt(0.0013 / 3)                                = 0.0208166599946613…
   * sharpe        = 0.005 / 0.0208166599946613 × sqrt(252)          = 3.81293345581345…
   * volatility    = 0.0208166599946613 × sqrt(252)                  = 0.330454232837166…
   * downside dev  = sqrt((−0.02)² / 4)                              = 0.01
   * sortino       = 0.005 / 0.01 × sqrt(252) = 0.5 × 15.874507866…  = 7.93725393319377…
   * equity        = 1, 1.01, 0.9898, 1.019494, 1.019494
   * total return  = 0.019494
   * cagr          = 1.019494^(252 / 4) − 1                          = 2.37469457510…
   * max drawdown  = (1.01 − 0.9898) / 1.01                          = 0.02
   * </pre>
   */
  @Test
  void ratiosOfWorkedReturnsMatchHandComputation() {
    double[] returns = {0.01, -0.02, 0.03, 0.00};
    double[] equity = {1, 1.01, 0.9898, 1.019494, 1.019494};

    PerformanceMetrics m = PerformanceMetrics.of(returns, equity, List.of(), 252);

    assertThat(ReturnStatistics.mean(returns)).isCloseTo(0.005, EPS);
    assertThat(ReturnStatistics.sampleStandardDeviation(returns))
        .isCloseTo(Math.sqrt(0.0013 / 3), EPS)
        .isCloseTo(0.0208166599946613, EPS);
    assertThat(m.sharpe()).isCloseTo(3.81293345581345, EPS);
    assertThat(m.annualisedVolatility()).isCloseTo(0.330454232837166, EPS);
    assertThat(m.sortino()).isCloseTo(7.93725393319377, EPS);
    assertThat(m.totalReturn()).isCloseTo(0.019494, EPS);
    assertThat(m.cagr()).isCloseTo(2.37469457510, within(1e-8));
    assertThat(m.maxDrawdown()).isCloseTo(0.02, EPS);
    assertThat(m.barCount()).isEqualTo(5);
  }

  @Test
  void maxDrawdownIsLargestPeakToTroughFall() {
    // Peaks 1.2 then 1.3; troughs 0.9 (−25 % from 1.2) and 0.6 (−50 % from 1.2, the worst).
    double[] equity = {1.0, 1.2, 0.9, 1.1, 0.6, 1.3};

    assertThat(ReturnStatistics.maxDrawdown(equity)).isCloseTo(0.5, EPS);
  }

  @Test
  void risingCurveHasNoDrawdown() {
    assertThat(ReturnStatistics.maxDrawdown(new double[] {1, 1, 1.1, 1.2})).isZero();
  }

  /**
   * Closed pnls +0.3, −0.1, +0.2, −0.2 and an open +0.5 (ignored for trade statistics): win rate 2
   * / 4 = 0.5, profit factor (0.3 + 0.2) / (0.1 + 0.2) = 0.5 / 0.3 = 1.666…
   */
  @Test
  void winRateAndProfitFactorCountClosedTradesOnly() {
    List<Trade> trades =
        List.of(
            trade(0, 2, 0.3, false),
            trade(2, 3, -0.1, false),
            trade(4, 5, 0.2, false),
            trade(5, 7, -0.2, false),
            trade(8, 9, 0.5, true));

    PerformanceMetrics m = PerformanceMetrics.of(new double[9], ones(10), trades, 252);

    // Four closed trades and the open one.
    assertThat(m.tradeCount()).isEqualTo(5);
    assertThat(m.winRate()).isCloseTo(0.5, EPS);
    assertThat(m.profitFactor()).isCloseTo(0.5 / 0.3, EPS);
    // Bars held at the close: [0,2) 2 + [2,3) 1 + [4,5) 1 + [5,7) 2 + [8,9] 2 = 8 of 10.
    assertThat(m.exposure()).isCloseTo(0.8, EPS);
  }

  @Test
  void profitFactorWithoutLossesIsNullNotInfinity() {
    // 0.1 / 0 = +∞, and a losing open trade does not count as a loss.
    PerformanceMetrics m =
        PerformanceMetrics.of(
            new double[3], ones(4), List.of(trade(0, 1, 0.1, false), trade(2, 3, -0.5, true)), 252);

    assertThat(m.profitFactor()).isNull();
    assertThat(m.winRate()).isEqualTo(1);
  }

  @Test
  void noTradesGiveZeroTradeStatistics() {
    PerformanceMetrics m = PerformanceMetrics.of(new double[3], ones(4), List.of(), 252);

    assertThat(m.tradeCount()).isZero();
    assertThat(m.winRate()).isZero();
    // 0 / 0 is undefined: null, like +∞.
    assertThat(m.profitFactor()).isNull();
    assertThat(m.exposure()).isZero();
  }

  @Test
  void zeroDispersionGivesZeroSharpeAndSortino() {
    // Constant positive returns: std and downside deviation are 0, so both ratios report 0.
    double[] returns = {0.01, 0.01, 0.01};
    double[] equity = {1, 1.01, 1.0201, 1.030301};

    PerformanceMetrics m = PerformanceMetrics.of(returns, equity, List.of(), 252);

    assertThat(m.sharpe()).isZero();
    assertThat(m.sortino()).isZero();
  }

  @Test
  void cagrAnnualisesOverReturnPeriods() {
    // 1 → 1.21 over 2 periods. barsPerYear 1: 2 years, 1.21^(1/2) − 1 = 0.1.
    // barsPerYear 2: 1 year, 1.21^(2/2) − 1 = 0.21.
    double[] equity = {1, 1.1, 1.21};
    double[] returns = {0.1, 0.1};

    assertThat(PerformanceMetrics.of(returns, equity, List.of(), 1).cagr()).isCloseTo(0.1, EPS);
    assertThat(PerformanceMetrics.of(returns, equity, List.of(), 2).cagr()).isCloseTo(0.21, EPS);
  }

  @Test
  void singleBarHasZeroRatios() {
    PerformanceMetrics m = PerformanceMetrics.of(new double[0], new double[] {1}, List.of(), 252);

    assertThat(m.totalReturn()).isZero();
    assertThat(m.cagr()).isZero();
    assertThat(m.sharpe()).isZero();
    assertThat(m.barCount()).isEqualTo(1);
  }

  @Test
  void inconsistentLengthsAreRejected() {
    assertThatThrownBy(() -> PerformanceMetrics.of(new double[2], ones(2), List.of(), 252))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("returns must have one element less than equity: 2 vs 2");
  }

  @Test
  void nonFiniteInputIsRejected() {
    assertThatThrownBy(
            () -> PerformanceMetrics.of(new double[] {Double.NaN}, ones(2), List.of(), 252))
        .hasMessage("returns[0] is NaN");
  }

  @Test
  void maxDrawdownBarsRunsFromPeakToRecoveryOrToTheEnd() {
    // Peak 1.2 at bar 1, below it at bars 2..4, back above at bar 5: 4 bars.
    assertThat(ReturnStatistics.maxDrawdownBars(new double[] {1.0, 1.2, 0.9, 1.1, 0.6, 1.3}))
        .isEqualTo(4);
    // Recovery to exactly the peak ends the drawdown: peak at 0, back at 2.
    assertThat(ReturnStatistics.maxDrawdownBars(new double[] {1.0, 0.9, 1.0, 1.1})).isEqualTo(2);
    // Never recovered: peak 1.1 at bar 1 to the last bar 4, 3 bars (longer than the first, 1 bar).
    assertThat(ReturnStatistics.maxDrawdownBars(new double[] {1.0, 0.99, 1.1, 1.0, 0.9, 0.95}))
        .isEqualTo(3);
    assertThat(ReturnStatistics.maxDrawdownBars(new double[] {1, 1, 1.1})).isZero();
  }

  /**
   * returns {0.01, −0.02, 0.03, 0.00}: mean 0.005, deviations 0.005, −0.025, 0.025, −0.005:
   *
   * <pre>
   * m2 = (0.000025 + 0.000625 + 0.000625 + 0.000025) / 4           = 0.000325
   * m3 = (0.000000125 − 0.000015625 + 0.000015625 − 0.000000125) / 4 = 0
   * m4 = (6.25e-10 + 3.90625e-7 + 3.90625e-7 + 6.25e-10) / 4        = 1.95625e-7
   * skewness = 0; kurtosis = 1.95625e-7 / 0.000325² = 1.95625e-7 / 1.05625e-7 = 1.8520710059171597
   * </pre>
   *
   * and {1, 2, 3, 10}: mean 4, deviations −3, −2, −1, 6: m2 = 50/4 = 12.5, m3 = (−27 − 8 − 1 + 216)
   * / 4 = 45, skewness = 45 / 12.5^1.5 = 1.0182337649086284, m4 = (81 + 16 + 1 + 1296) / 4 = 348.5,
   * kurtosis = 348.5 / 156.25 = 2.2304.
   */
  @Test
  void skewnessAndRawKurtosisFollowPopulationMoments() {
    double[] returns = {0.01, -0.02, 0.03, 0.00};
    double[] equity = {1, 1.01, 0.9898, 1.019494, 1.019494};

    PerformanceMetrics m = PerformanceMetrics.of(returns, equity, List.of(), 252);

    assertThat(m.skewness()).isCloseTo(0, EPS);
    assertThat(m.kurtosis()).isCloseTo(1.8520710059171597, EPS);
    assertThat(ReturnStatistics.skewness(new double[] {1, 2, 3, 10}))
        .isCloseTo(1.0182337649086284, EPS);
    assertThat(ReturnStatistics.kurtosis(new double[] {1, 2, 3, 10})).isCloseTo(2.2304, EPS);
    // Zero dispersion: undefined, null in the metrics.
    assertThat(PerformanceMetrics.of(new double[3], ones(4), List.of(), 252).kurtosis()).isNull();
  }

  @Test
  void normalReturnsHaveKurtosisNearThree() {
    java.util.Random random = new java.util.Random(1);
    double[] x = new double[200_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }

    assertThat(ReturnStatistics.kurtosis(x)).isCloseTo(3, within(0.05));
    assertThat(ReturnStatistics.skewness(x)).isCloseTo(0, within(0.02));
  }

  /**
   * Closed pnls +300, −100, +200, −200 (and an open +500, ignored): average win (300 + 200) / 2 =
   * 250, average loss (−100 − 200) / 2 = −150, expectancy 200 / 4 = 50 = 0.5 × 250 + 0.5 × −150.
   * Calmar = cagr / maxDrawdown, checked on the worked curve of the first test: 2.37469457510… /
   * 0.02.
   */
  @Test
  void averageWinLossExpectancyAndCalmar() {
    List<Trade> trades =
        List.of(
            trade(0, 2, 300, false),
            trade(2, 3, -100, false),
            trade(4, 5, 200, false),
            trade(5, 7, -200, false),
            trade(8, 9, 500, true));

    PerformanceMetrics m = PerformanceMetrics.of(new double[9], ones(10), trades, 252);

    assertThat(m.averageWin()).isCloseTo(250, EPS);
    assertThat(m.averageLoss()).isCloseTo(-150, EPS);
    assertThat(m.expectancy()).isCloseTo(50, EPS);
    // Flat equity: no drawdown, so no Calmar ratio.
    assertThat(m.calmar()).isNull();

    double[] returns = {0.01, -0.02, 0.03, 0.00};
    double[] equity = {1, 1.01, 0.9898, 1.019494, 1.019494};
    PerformanceMetrics worked = PerformanceMetrics.of(returns, equity, List.of(), 252);
    assertThat(worked.calmar()).isCloseTo(2.37469457510 / 0.02, within(1e-6));
    assertThat(worked.maxDrawdownBars()).isEqualTo(2);
    assertThat(worked.averageWin()).isNull();
    assertThat(worked.averageLoss()).isNull();
    assertThat(worked.expectancy()).isNull();
  }

  private static double[] ones(int n) {
    double[] values = new double[n];
    java.util.Arrays.fill(values, 1);
    return values;
  }

  private static Trade trade(int entry, int exit, double pnl, boolean open) {
    return new Trade(Trade.Side.LONG, entry, T, 10, exit, T, 10 + pnl, 1, 0, pnl, pnl / 10, open);
  }
}

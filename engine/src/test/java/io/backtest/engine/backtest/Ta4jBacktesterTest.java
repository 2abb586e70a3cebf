package io.backtest.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.ExecutionModel.Fill;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.Trade.TradeType;
import org.ta4j.core.rules.BooleanRule;
import org.ta4j.core.rules.FixedRule;

class Ta4jBacktesterTest {

  private static final Offset<Double> EPS = within(1e-12);

  // bar:          0     1     2     3     4     5
  static final double[] OPENS = {9.5, 10.5, 11.5, 12.5, 12.5, 13.5};
  static final double[] CLOSES = {10, 11, 12, 13, 12, 14};

  private final BarSeries series = TestSeries.of(OPENS, CLOSES);
  private final Ta4jBacktester backtester = new Ta4jBacktester();

  // Capital 1 keeps the worked numbers below in units of starting capital.
  private static final ExecutionModel FRICTIONLESS = ExecutionModel.frictionless().withCapital(1);
  private static final ExecutionModel DEFAULTS = ExecutionModel.defaults().withCapital(1);

  /** Enters on bar {@code entry}'s close signal and exits on bar {@code exit}'s. */
  private static Strategy signals(int entry, int exit) {
    return new BaseStrategy(new FixedRule(entry), new FixedRule(exit));
  }

  @Test
  void nextOpenFillUsesFollowingBarOpen() {
    BacktestResult result = backtester.run(series, signals(1, 3), FRICTIONLESS);

    Trade trade = result.trades().getFirst();
    assertThat(trade.entryIndex()).isEqualTo(2);
    assertThat(trade.entryPrice()).isEqualTo(11.5);
    assertThat(trade.entryTime()).isEqualTo(series.getBar(2).getBeginTime());
    assertThat(trade.exitIndex()).isEqualTo(4);
    assertThat(trade.exitPrice()).isEqualTo(12.5);
    assertThat(trade.quantity()).isCloseTo(1 / 11.5, EPS);
    assertThat(trade.pnl()).isCloseTo(12.5 / 11.5 - 1, EPS);
    assertThat(trade.netReturn()).isCloseTo(12.5 / 11.5 - 1, EPS);
    assertThat(trade.open()).isFalse();
    assertThat(result.openAtEnd()).isFalse();
  }

  @Test
  void sameCloseFillUsesSignalBarClose() {
    BacktestResult result =
        backtester.run(series, signals(1, 3), FRICTIONLESS.withFill(Fill.SAME_CLOSE));

    Trade trade = result.trades().getFirst();
    assertThat(trade.entryIndex()).isEqualTo(1);
    assertThat(trade.entryPrice()).isEqualTo(11);
    assertThat(trade.entryTime()).isEqualTo(series.getBar(1).getEndTime());
    assertThat(trade.exitIndex()).isEqualTo(3);
    assertThat(trade.exitPrice()).isEqualTo(13);
    assertThat(result.equity())
        .containsExactly(new double[] {1, 1, 12 / 11.0, 13 / 11.0, 13 / 11.0, 13 / 11.0}, EPS);
  }

  @Test
  void equityIsMarkedAtEveryClose() {
    // Flat until bar 2's open buys 1/11.5 units; held over closes 2 and 3; sold at bar 4's open.
    BacktestResult result = backtester.run(series, signals(1, 3), FRICTIONLESS);

    assertThat(result.equity())
        .containsExactly(new double[] {1, 1, 12 / 11.5, 13 / 11.5, 12.5 / 11.5, 12.5 / 11.5}, EPS);
  }

  @Test
  void returnsAreSimpleReturnsOfEquity() {
    BacktestResult result = backtester.run(series, signals(1, 3), FRICTIONLESS);
    double[] e = result.equity();

    assertThat(result.returns())
        .hasSize(5)
        .containsExactly(
            new double[] {0, e[2] / e[1] - 1, e[3] / e[2] - 1, e[4] / e[3] - 1, 0}, EPS);
  }

  /**
   * Fee 10 bp, slippage 5 bp, signals on bars 1 and 3 filled at opens 11.5 and 12.5:
   *
   * <pre>
   * buy price   = 11.5 × 1.0005                 = 11.50575
   * quantity    = 1 / (11.50575 × 1.001)        = 0.0868262389675…
   * entry fee   = quantity × 11.50575 × 0.001   = 0.000999000999… (= 0.001 / 1.001)
   * sell price  = 12.5 × 0.9995                 = 12.49375
   * proceeds    = quantity × 12.49375           = 1.0847853231009…
   * exit fee    = proceeds × 0.001              = 0.0010847853231…
   * final cash  = proceeds − exit fee           = 1.0837005377778…
   * pnl         = final cash − 1                = 0.0837005377778…
   * </pre>
   */
  @Test
  void feesAndSlippageFollowWorkedExample() {
    BacktestResult result = backtester.run(series, signals(1, 3), DEFAULTS);

    Trade trade = result.trades().getFirst();
    assertThat(trade.entryPrice()).isCloseTo(11.50575, EPS);
    assertThat(trade.exitPrice()).isCloseTo(12.49375, EPS);
    assertThat(trade.quantity()).isCloseTo(1 / (11.50575 * 1.001), EPS);
    assertThat(trade.fees()).isCloseTo(0.001 / 1.001 + 0.0010847853231009479, EPS);
    assertThat(trade.pnl()).isCloseTo(0.083700537777847, EPS);
    assertThat(trade.netReturn()).isCloseTo(0.083700537777847, EPS);
    // Bar 2 close: cash 0 + quantity × 12 (the entry fee is already spent).
    assertThat(result.equity()[2]).isCloseTo(12 / (11.50575 * 1.001), EPS);
    assertThat(result.equity()[5]).isCloseTo(1.083700537777847, EPS);
  }

  @Test
  void positionFractionKeepsTheRestInCash() {
    BacktestResult result =
        backtester.run(series, signals(1, 3), FRICTIONLESS.withPositionFraction(0.5));

    // Half the capital buys 0.5 / 11.5 units, sold at 12.5; the other half stays in cash.
    assertThat(result.trades().getFirst().quantity()).isCloseTo(0.5 / 11.5, EPS);
    assertThat(result.equity()[3]).isCloseTo(0.5 + 0.5 * 13 / 11.5, EPS);
    assertThat(result.equity()[5]).isCloseTo(0.5 + 0.5 * 12.5 / 11.5, EPS);
  }

  @Test
  void signalOnLastBarIsNotFilledWithNextOpen() {
    BacktestResult result = backtester.run(series, signals(5, 5), DEFAULTS);

    assertThat(result.trades()).isEmpty();
    assertThat(result.openAtEnd()).isFalse();
    assertThat(result.equity()).containsOnly(1.0);
  }

  @Test
  void openPositionAtEndIsMarkedAtLastCloseNotClosed() {
    Strategy neverExits = new BaseStrategy(new FixedRule(1), BooleanRule.FALSE);

    BacktestResult result = backtester.run(series, neverExits, FRICTIONLESS);

    assertThat(result.openAtEnd()).isTrue();
    Trade trade = result.trades().getFirst();
    assertThat(trade.open()).isTrue();
    assertThat(trade.exitIndex()).isEqualTo(5);
    assertThat(trade.exitTime()).isEqualTo(series.getBar(5).getEndTime());
    assertThat(trade.exitPrice()).isEqualTo(14);
    assertThat(trade.pnl()).isCloseTo(14 / 11.5 - 1, EPS);
    assertThat(result.equity()[5]).isCloseTo(14 / 11.5, EPS);
    assertThat(result.metrics().tradeCount()).isEqualTo(1);
    assertThat(result.metrics().winRate()).isZero();
    // Held over closes 2..5: 4 of 6 bars.
    assertThat(result.metrics().exposure()).isCloseTo(4 / 6.0, EPS);
  }

  @Test
  void openPositionKeepsEntryFeeAndNoExitCosts() {
    Strategy neverExits = new BaseStrategy(new FixedRule(1), BooleanRule.FALSE);

    Trade trade = backtester.run(series, neverExits, DEFAULTS).trades().getFirst();

    double quantity = 1 / (11.50575 * 1.001);
    assertThat(trade.fees()).isCloseTo(0.001 / 1.001, EPS);
    assertThat(trade.exitPrice()).isEqualTo(14);
    assertThat(trade.pnl()).isCloseTo(quantity * 14 - 1, EPS);
  }

  @Test
  void unstableBarsSuppressSignals() {
    Strategy strategy = new BaseStrategy(new FixedRule(1, 3), BooleanRule.FALSE, 2);

    Trade trade = backtester.run(series, strategy, FRICTIONLESS).trades().getFirst();

    // Bar 1 is unstable (index < 2): the first signal taken is bar 3's, filled at bar 4's open.
    assertThat(trade.entryIndex()).isEqualTo(4);
    assertThat(trade.entryPrice()).isEqualTo(12.5);
  }

  @Test
  void atMostOneOrderPerBar() {
    // Entry and exit both signal on bar 1; with same-close fills only the entry executes there.
    Strategy strategy = new BaseStrategy(new FixedRule(1), new FixedRule(1, 2));

    Trade trade =
        backtester
            .run(series, strategy, FRICTIONLESS.withFill(Fill.SAME_CLOSE))
            .trades()
            .getFirst();

    assertThat(trade.entryIndex()).isEqualTo(1);
    assertThat(trade.exitIndex()).isEqualTo(2);
  }

  @Test
  void entryFilledAtOpenCanExitOnThatBarsClose() {
    // Signals on bars 1 and 2: buy at bar 2's open, sell at bar 3's open.
    BacktestResult result = backtester.run(series, signals(1, 2), FRICTIONLESS);

    assertThat(result.trades().getFirst().entryIndex()).isEqualTo(2);
    assertThat(result.trades().getFirst().exitIndex()).isEqualTo(3);
    assertThat(result.trades().getFirst().exitPrice()).isEqualTo(12.5);
  }

  @Test
  void metricsAreComputedFromTheRun() {
    BacktestResult result = backtester.run(series, signals(1, 3), FRICTIONLESS);

    assertThat(result.metrics().barCount()).isEqualTo(6);
    assertThat(result.metrics().tradeCount()).isEqualTo(1);
    assertThat(result.metrics().totalReturn()).isCloseTo(12.5 / 11.5 - 1, EPS);
    // Held over closes 2 and 3: 2 of 6 bars.
    assertThat(result.metrics().exposure()).isCloseTo(2 / 6.0, EPS);
    assertThat(result.metrics().winRate()).isEqualTo(1);
  }

  @Test
  void resultArraysCannotBeChangedFromOutside() {
    BacktestResult result = backtester.run(series, signals(1, 3), FRICTIONLESS);

    result.equity()[0] = 42;
    result.returns()[0] = 42;

    assertThat(result.equity()[0]).isEqualTo(1);
    assertThat(result.returns()[0]).isEqualTo(0);
  }

  @Test
  void shortStrategiesAreRejected() {
    Strategy shortFirst = new BaseStrategy(new FixedRule(1), new FixedRule(3), TradeType.SELL);

    assertThatThrownBy(() -> backtester.run(series, shortFirst, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only long strategies");
  }

  @Test
  void nonPositivePricesAreRejected() {
    BarSeries bad = TestSeries.of(new double[] {1, 0}, new double[] {1, 1});

    assertThatThrownBy(() -> backtester.run(bad, signals(0, 1), DEFAULTS))
        .hasMessage("bar 1 has open 0.0; prices must be finite and > 0");
  }

  @Test
  void sameInputsGiveEqualResults() {
    BacktestResult a = backtester.run(series, signals(1, 3), DEFAULTS);
    BacktestResult b = backtester.run(series, signals(1, 3), DEFAULTS);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void executionModelDefaultsAreNextOpenTenBpFeeFiveBpSlippageFullPosition() {
    assertThat(ExecutionModel.defaults()).isEqualTo(new ExecutionModel(Fill.NEXT_OPEN, 10, 5, 1.0));
  }

  @Test
  void executionModelRejectsOutOfRangeValues() {
    assertThatThrownBy(() -> new ExecutionModel(Fill.NEXT_OPEN, -1, 5, 1))
        .hasMessageContaining("feeBps");
    assertThatThrownBy(() -> new ExecutionModel(Fill.NEXT_OPEN, 10, 10_000, 1))
        .hasMessageContaining("slippageBps");
    assertThatThrownBy(() -> new ExecutionModel(Fill.NEXT_OPEN, 10, 5, 0))
        .hasMessageContaining("positionFraction");
    assertThatThrownBy(() -> new ExecutionModel(Fill.NEXT_OPEN, 10, 5, 1.5))
        .hasMessageContaining("positionFraction");
  }

  @Test
  void tradeTimesAreBarTimes() {
    Trade trade = backtester.run(series, signals(1, 3), FRICTIONLESS).trades().getFirst();

    assertThat(trade.entryTime()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
    assertThat(trade.exitTime()).isEqualTo(Instant.parse("2024-01-05T00:00:00Z"));
  }
}

package io.backtest.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.ExecutionModel.Direction;
import io.backtest.engine.backtest.ExecutionModel.Fill;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.Signals;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import io.backtest.engine.strategy.Stops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.rules.BooleanRule;

/**
 * Long-short runs only on the array engine (ta4j cannot express stop-and-reverse as one strategy),
 * so it is checked against a small hand-written loop here, and on a worked example.
 */
class LongShortTest {

  // bar:           0    1    2    3    4    5
  static final double[] OPENS = {10, 10, 12, 11, 9, 10};
  static final double[] CLOSES = {10, 11, 12, 10, 9, 8};

  /**
   * Entry signal at bar 1, exit (go short) at bar 2, entry (back long) at bar 4; next-open fills,
   * no costs, capital 1:
   *
   * <pre>
   * bar 2 open 12: buy 1/12 units
   * bar 3 open 11: sell them (pnl 11/12 − 1 = −1/12), short 11/12 / 11 = 1/12 units at 11
   * bar 5 open 10: buy back 1/12 units at 10 (pnl (11 − 10)/12 = 1/12), buy (12/12) / 10 = 0.1
   * end: long 0.1 units marked at close 8, pnl 0.1 × 8 − 1 = −0.2
   * </pre>
   */
  @Test
  void stopAndReverseFollowsWorkedExample() {
    BarArrays bars = BarArrays.of("t", TestSeries.bars(OPENS, CLOSES), Duration.ofDays(1));
    boolean[] entry = {false, true, false, false, true, false};
    boolean[] exit = {false, false, true, false, false, false};
    ExecutionModel model =
        ExecutionModel.frictionless().withDirection(Direction.LONG_SHORT).withCapital(1);

    BacktestResult result =
        new BacktestEngine().run(bars, Signals.of(entry, exit, 0), model, 0, bars.size());

    List<Trade> trades = result.trades();
    assertThat(trades).hasSize(3);
    assertThat(trades.get(0).side()).isEqualTo(Trade.Side.LONG);
    assertThat(trades.get(0).pnl()).isCloseTo(11 / 12.0 - 1, within(1e-12));
    assertThat(trades.get(1).side()).isEqualTo(Trade.Side.SHORT);
    assertThat(trades.get(1).entryIndex()).isEqualTo(3);
    assertThat(trades.get(1).quantity()).isCloseTo(1 / 12.0, within(1e-12));
    assertThat(trades.get(1).pnl()).isCloseTo(1 / 12.0, within(1e-12));
    assertThat(trades.get(2).side()).isEqualTo(Trade.Side.LONG);
    assertThat(trades.get(2).open()).isTrue();
    assertThat(trades.get(2).quantity()).isCloseTo(0.1, within(1e-12));
    assertThat(trades.get(2).pnl()).isCloseTo(-0.2, within(1e-12));
    // Short over closes 3 and 4: cash 11/12 + 11/12 = 22/12, minus 1/12 × close.
    assertThat(result.equity()[3]).isCloseTo(22 / 12.0 - 10 / 12.0, within(1e-12));
    assertThat(result.equity()[4]).isCloseTo(22 / 12.0 - 9 / 12.0, within(1e-12));
    assertThat(result.equity()[5]).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void arrayEngineMatchesHandWrittenLongShortLoop() {
    BarArrays bars = TestSeries.gbmArrays(5_000, 3);
    IndicatorSet indicators = new IndicatorSet(bars);
    SmaCrossoverTemplate sma = new SmaCrossoverTemplate();
    for (Parameters params :
        List.of(
            Parameters.empty().with("fast", 10).with("slow", 50),
            Parameters.empty()
                .with("fast", 10)
                .with("slow", 50)
                .with("stopLossPct", 1.0)
                .with("takeProfitPct", 1.5),
            Parameters.empty()
                .with("fast", 4)
                .with("slow", 30)
                .with("stopLossAtr", 2.0)
                .with("takeProfitAtr", 3.0))) {
      Signals signals = sma.signals(indicators, params);
      for (ExecutionModel model :
          List.of(
              ExecutionModel.defaults().withDirection(Direction.LONG_SHORT),
              ExecutionModel.defaults()
                  .withDirection(Direction.LONG_SHORT)
                  .withFill(Fill.SAME_CLOSE)
                  .withPositionFraction(0.7))) {
        BacktestResult result = new BacktestEngine().run(bars, signals, model, 100, 4_000);
        Expected expected = handLoop(bars, signals, model, 100, 4_000);

        assertThat(result.trades()).as(params + " " + model).hasSameSizeAs(expected.trades);
        assertThat(result.trades().stream().filter(t -> t.side() == Trade.Side.SHORT)).isNotEmpty();
        for (int t = 0; t < expected.trades.size(); t++) {
          Trade trade = result.trades().get(t);
          double[] e = expected.trades.get(t);
          assertThat(trade.side() == Trade.Side.LONG ? 1.0 : -1.0).isEqualTo(e[0]);
          assertThat((double) trade.entryIndex()).isEqualTo(e[1]);
          assertThat((double) trade.exitIndex()).isEqualTo(e[2]);
          assertThat(trade.pnl()).isCloseTo(e[3], within(1e-7));
        }
        double[] equity = result.equity();
        for (int k = 0; k < equity.length; k++) {
          assertThat(equity[k]).isCloseTo(expected.equity[k], within(1e-7));
        }
        assertThat(new BacktestEngine().metrics(bars, signals, model, 100, 4_000))
            .isEqualTo(result.metrics());
      }
    }
  }

  @Test
  void referenceBacktesterRefusesLongShort() {
    var series = TestSeries.of(OPENS, CLOSES);
    assertThatThrownBy(
            () ->
                new Ta4jBacktester()
                    .run(
                        series,
                        new BaseStrategy(BooleanRule.TRUE, BooleanRule.FALSE),
                        ExecutionModel.defaults().withDirection(Direction.LONG_SHORT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("long-only");
  }

  private record Expected(List<double[]> trades, double[] equity) {}

  /** Independent stop-and-reverse loop: side, entry index, exit index, pnl per trade. */
  private static Expected handLoop(BarArrays bars, Signals s, ExecutionModel m, int from, int to) {
    double[] open = bars.open();
    double[] close = bars.close();
    double fee = m.feeBps() / 10_000;
    double slip = m.slippageBps() / 10_000;
    boolean nextOpen = m.fill() == Fill.NEXT_OPEN;
    Stops stops = s.stops();
    List<double[]> trades = new ArrayList<>();
    double[] equity = new double[to - from];
    double cash = m.capital();
    int side = 0;
    double units = 0;
    double paid = 0; // cash spent (long) or received (short) at entry, fee included
    double rawEntry = 0;
    int entryIndex = 0;
    int pendingTarget = 2; // 2 = nothing pending; else the side to be on after the fill
    for (int k = from; k < to; k++) {
      if (pendingTarget != 2) {
        double[] st =
            fill(
                side,
                pendingTarget,
                open[k],
                k,
                cash,
                units,
                paid,
                entryIndex,
                fee,
                slip,
                m,
                trades);
        cash = st[0];
        units = st[1];
        paid = st[2];
        side = pendingTarget;
        if (side != 0) {
          rawEntry = open[k];
          entryIndex = k;
        }
        pendingTarget = 2;
      }
      equity[k - from] = cash + side * units * close[k];
      if (k < s.unstableBars()) {
        continue;
      }
      int target = 2;
      double c = close[k];
      double atr = stops.atr() == null ? Double.NaN : stops.atr()[k];
      if (side == 1) {
        boolean stop =
            c <= rawEntry * ((100 - stops.lossPct()) / 100)
                || c >= rawEntry * ((100 + stops.gainPct()) / 100)
                || c < rawEntry - atr * stops.lossAtr()
                || c >= rawEntry + atr * stops.gainAtr();
        target = s.exit()[k] ? -1 : stop ? 0 : 2;
      } else if (side == -1) {
        boolean stop =
            c >= rawEntry * ((100 + stops.lossPct()) / 100)
                || c <= rawEntry * ((100 - stops.gainPct()) / 100)
                || c > rawEntry + atr * stops.lossAtr()
                || c <= rawEntry - atr * stops.gainAtr();
        target = s.entry()[k] ? 1 : stop ? 0 : 2;
      } else {
        target = s.entry()[k] ? 1 : s.exit()[k] ? -1 : 2;
      }
      if (target == 2) {
        continue;
      }
      if (nextOpen) {
        if (k + 1 < to) {
          pendingTarget = target;
        }
      } else {
        double[] st = fill(side, target, c, k, cash, units, paid, entryIndex, fee, slip, m, trades);
        cash = st[0];
        units = st[1];
        paid = st[2];
        side = target;
        if (side != 0) {
          rawEntry = c;
          entryIndex = k;
        }
        equity[k - from] = cash + side * units * close[k];
      }
    }
    if (side != 0) {
      double value = units * close[to - 1];
      trades.add(new double[] {side, entryIndex, to - 1, side == 1 ? value - paid : paid - value});
    }
    return new Expected(trades, equity);
  }

  /** Closes the current side (if any) and opens {@code target} (if not flat) at {@code price}. */
  private static double[] fill(
      int side,
      int target,
      double price,
      int k,
      double cash,
      double units,
      double paid,
      int entryIndex,
      double fee,
      double slip,
      ExecutionModel m,
      List<double[]> trades) {
    if (side == 1) {
      double received = units * price * (1 - slip) * (1 - fee);
      cash += received;
      trades.add(new double[] {1, entryIndex, k, received - paid});
    } else if (side == -1) {
      double spent = units * price * (1 + slip) * (1 + fee);
      cash -= spent;
      trades.add(new double[] {-1, entryIndex, k, paid - spent});
    }
    units = 0;
    paid = 0;
    if (target == 1) {
      double p = price * (1 + slip);
      paid = m.positionFraction() * cash;
      units = paid / (p * (1 + fee));
      cash -= paid;
    } else if (target == -1) {
      double p = price * (1 - slip);
      double budget = m.positionFraction() * cash;
      units = budget / (p * (1 + fee));
      paid = units * p * (1 - fee);
      cash += paid;
    }
    return new double[] {cash, units, paid};
  }
}

package io.backtest.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.TestSeries;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sma-crossover fast=10 slow=50 on AAPL 2013, no costs, next-open fills, pinned against a
 * hand-written loop that shares no code with the engine: naive window sums, a plain "above now, not
 * above on the previous bar" cross, all-in buys at the next open.
 */
class SmaCrossoverPinTest {

  private static final double CAPITAL = 10_000;

  record Fill(int entry, double entryPrice, int exit, double exitPrice) {}

  @Test
  void engineTradesEqualHandWrittenLoop() {
    BarArrays bars = TestSeries.appleArrays();
    double[] open = bars.open();
    double[] close = bars.close();
    int n = close.length;

    // The independent loop.
    List<Fill> expected = new ArrayList<>();
    double[] equity = new double[n];
    double cash = CAPITAL;
    double units = 0;
    int pending = 0; // +1 buy, −1 sell at the next open
    int entry = -1;
    double entryPrice = 0;
    for (int i = 0; i < n; i++) {
      if (pending > 0) {
        units = cash / open[i];
        cash = 0;
        entry = i;
        entryPrice = open[i];
      } else if (pending < 0) {
        cash = units * open[i];
        units = 0;
        expected.add(new Fill(entry, entryPrice, i, open[i]));
      }
      pending = 0;
      equity[i] = cash + units * close[i];
      if (i >= 50 && i + 1 < n) {
        boolean above = mean(close, i, 10) > mean(close, i, 50);
        boolean wasAbove = mean(close, i - 1, 10) > mean(close, i - 1, 50);
        boolean below = mean(close, i, 10) < mean(close, i, 50);
        boolean wasBelow = mean(close, i - 1, 10) < mean(close, i - 1, 50);
        if (units == 0 && above && !wasAbove) {
          pending = 1;
        } else if (units > 0 && below && !wasBelow) {
          pending = -1;
        }
      }
    }
    boolean openAtEnd = units > 0;

    BacktestResult result =
        new BacktestEngine()
            .run(
                new IndicatorSet(bars),
                new SmaCrossoverTemplate(),
                Parameters.empty().with("fast", 10).with("slow", 50),
                ExecutionModel.frictionless(),
                0,
                n);

    List<Fill> actual =
        result.trades().stream()
            .filter(t -> !t.open())
            .map(t -> new Fill(t.entryIndex(), t.entryPrice(), t.exitIndex(), t.exitPrice()))
            .toList();
    assertThat(expected).as("the hand loop traded").isNotEmpty();
    assertThat(actual).isEqualTo(expected);
    assertThat(result.openAtEnd()).isEqualTo(openAtEnd);
    double[] engineEquity = result.equity();
    for (int i = 0; i < n; i++) {
      assertThat(engineEquity[i]).as("equity[%d]", i).isCloseTo(equity[i], within(1e-6));
    }

    // The metrics agree with the curve: its total return, largest peak-to-trough fall, trades.
    double peak = equity[0];
    double worst = 0;
    for (double e : equity) {
      peak = Math.max(peak, e);
      worst = Math.max(worst, (peak - e) / peak);
    }
    assertThat(result.metrics().totalReturn()).isCloseTo(equity[n - 1] / CAPITAL - 1, within(1e-9));
    assertThat(result.metrics().maxDrawdown()).isCloseTo(worst, within(1e-9));
    assertThat(result.metrics().tradeCount()).isEqualTo(expected.size() + (openAtEnd ? 1 : 0));
    double pnl = result.trades().stream().mapToDouble(Trade::pnl).sum();
    assertThat(CAPITAL + pnl).isCloseTo(equity[n - 1], within(1e-6));
  }

  private static double mean(double[] x, int end, int length) {
    double sum = 0;
    for (int j = end - length + 1; j <= end; j++) {
      sum += x[j];
    }
    return sum / length;
  }
}

package io.backtest.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.Ta4jBacktester;
import io.backtest.engine.backtest.Trade;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

class SmaCrossoverTemplateTest {

  private final SmaCrossoverTemplate template = new SmaCrossoverTemplate();

  private static Parameters params(int fast, int slow) {
    return Parameters.empty().with("fast", fast).with("slow", slow);
  }

  @Test
  void gridSizeMatchesClosedFormCount() {
    // For each slow s in 10, 20, ..., 200 the valid fast values are the even numbers
    // 2..min(50, s - 1), i.e. floor(min(50, s - 1) / 2) of them:
    // s=10 → 4, 20 → 9, 30 → 14, 40 → 19, 50 → 24, and s=60..200 (15 values) → 25 each = 375.
    // Total 4 + 9 + 14 + 19 + 24 + 375 = 445.
    int expected = 0;
    for (int slow = 10; slow <= 200; slow += 10) {
      expected += Math.min(50, slow - 1) / 2;
    }

    assertThat(expected).isEqualTo(445);
    assertThat(template.space().gridSize()).isEqualTo(expected).isGreaterThan(60);
    assertThat(template.space().grid()).allMatch(p -> p.getInt("fast") < p.getInt("slow"));
  }

  @Test
  void gridStartsWithSmallestFastAndSlow() {
    assertThat(template.space().grid().subList(0, 3))
        .containsExactly(params(2, 10), params(2, 20), params(2, 30));
  }

  @Test
  void fastNotBelowSlowIsRejected() {
    assertThatThrownBy(() -> template.validate(params(40, 40)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid parameters for sma-crossover: constraint 'fast < slow' violated by"
                + " fast=40, slow=40");
  }

  @Test
  void buildRejectsOutOfRangeParameters() {
    BarSeries series = TestSeries.apple();

    assertThatThrownBy(() -> template.build(series, params(52, 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid parameters for sma-crossover: fast=52 is outside 2..50");
  }

  @Test
  void strategyIsNamedByParametersAndUnstableForSlowBars() {
    Strategy strategy = template.build(TestSeries.apple(), params(10, 30));

    assertThat(strategy.getName()).isEqualTo("sma-crossover(fast=10, slow=30)");
    assertThat(strategy.getUnstableBars()).isEqualTo(30);
  }

  /**
   * Closes, fast = SMA(2), slow = SMA(10) (worked by hand):
   *
   * <pre>
   * i   close  fast   slow
   * 0-9 20,19,…,11 (falling by 1)
   * 10  10     10.5   14.5   = (19+…+10)/10            fast < slow
   * 11  16     13     14.2   = 142/10                  fast < slow
   * 12  20     18     14.4   = 144/10                  fast > slow → crossed up: enter
   * 13  20     20     14.7   = 147/10
   * 14  12     16     14.3   = 143/10
   * 15   8     10     13.6   = 136/10                  fast < slow → crossed down: exit
   * 16   8      8     13.0   = 130/10
   * 17  30     19     14.7   = 147/10                  fast > slow → crossed up: enter
   * 18  30     30     16.5   = 165/10
   * 19  31     30.5   18.5   = 185/10                  still long at the end
   * </pre>
   *
   * Opens are close − 1. With next-open fills: buy at bar 13's open 19, sell at bar 16's open 7,
   * buy at bar 18's open 29, still open at the end, marked at bar 19's close 31.
   */
  @Test
  void crossoverOnHandMadeSeriesTradesAtWorkedBars() {
    double[] closes = {
      20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 16, 20, 20, 12, 8, 8, 30, 30, 31
    };
    double[] opens = new double[closes.length];
    for (int i = 0; i < closes.length; i++) {
      opens[i] = closes[i] - 1;
    }
    BarSeries series = TestSeries.of(opens, closes);
    Strategy strategy = template.build(series, params(2, 10));

    List<Integer> entries = new ArrayList<>();
    List<Integer> exits = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      if (strategy.shouldEnter(i)) {
        entries.add(i);
      }
      if (strategy.shouldExit(i)) {
        exits.add(i);
      }
    }
    assertThat(entries).containsExactly(12, 17);
    assertThat(exits).containsExactly(15);

    BacktestResult result =
        new Ta4jBacktester().run(series, strategy, ExecutionModel.frictionless().withCapital(1));

    assertThat(result.trades())
        .extracting(
            Trade::entryIndex, Trade::entryPrice, Trade::exitIndex, Trade::exitPrice, Trade::open)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(13, 19.0, 16, 7.0, false),
            org.assertj.core.groups.Tuple.tuple(18, 29.0, 19, 31.0, true));
    assertThat(result.openAtEnd()).isTrue();
  }
}

package io.backtest.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.engine.TemplatePoints;
import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.ExecutionModel.Fill;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import io.backtest.engine.strategy.StrategyTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeExecutionModel;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.backtest.TradeOnNextOpenModel;

/**
 * With zero costs our reference loop must fill exactly where ta4j's own {@link BarSeriesManager}
 * does, on real data (AAPL 2013, ETH 5-minute 2023): the sma-crossover grid points below, and every
 * template at its test points (stops included, which ta4j evaluates against its own trading
 * record).
 */
class BarSeriesManagerCrossCheckTest {

  private static final BarSeries APPLE = TestSeries.apple();
  private static final BarSeries ETH = TestSeries.ethArrays().toSeries();
  private static final SmaCrossoverTemplate SMA = new SmaCrossoverTemplate();

  /** Entry index, entry price, exit index (-1 while open), exit price (NaN while open). */
  record RoundTrip(int entryIndex, double entryPrice, int exitIndex, double exitPrice) {}

  @ParameterizedTest(name = "fast={0}, slow={1}")
  // All of these end long except (2, 20) and (8, 20), which end flat.
  @CsvSource({"2, 10", "2, 20", "8, 20", "4, 20", "10, 30", "20, 50", "6, 60", "10, 100"})
  void nextOpenFillsMatchTa4jTradeOnNextOpenModel(int fast, int slow) {
    assertSameFills(fast, slow, Fill.NEXT_OPEN, new TradeOnNextOpenModel());
  }

  @ParameterizedTest(name = "fast={0}, slow={1}")
  @CsvSource({"2, 10", "2, 20", "8, 20", "10, 30", "20, 50"})
  void sameCloseFillsMatchTa4jTradeOnCurrentCloseModel(int fast, int slow) {
    assertSameFills(fast, slow, Fill.SAME_CLOSE, new TradeOnCurrentCloseModel());
  }

  static Stream<StrategyTemplate> templates() {
    return TemplatePoints.templates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void everyTemplateFillsWhereBarSeriesManagerDoes(StrategyTemplate template) {
    for (BarSeries series : List.of(APPLE, ETH)) {
      for (Parameters params : TemplatePoints.of(template)) {
        assertSameFills(
            series, template, params, Fill.NEXT_OPEN, new TradeOnNextOpenModel(), false);
        assertSameFills(
            series, template, params, Fill.SAME_CLOSE, new TradeOnCurrentCloseModel(), false);
      }
    }
  }

  private static void assertSameFills(
      int fast, int slow, Fill fill, TradeExecutionModel ta4jModel) {
    Parameters params = Parameters.empty().with("fast", fast).with("slow", slow);
    assertSameFills(APPLE, SMA, params, fill, ta4jModel, true);
  }

  private static void assertSameFills(
      BarSeries series,
      StrategyTemplate template,
      Parameters params,
      Fill fill,
      TradeExecutionModel ta4jModel,
      boolean requireTrades) {
    BacktestResult ours =
        new Ta4jBacktester()
            .run(
                series,
                template.build(series, params),
                ExecutionModel.frictionless().withFill(fill));
    TradingRecord theirs =
        new BarSeriesManager(series, new ZeroCostModel(), new ZeroCostModel(), ta4jModel)
            .run(template.build(series, params));

    List<RoundTrip> expected = new ArrayList<>();
    for (Position position : theirs.getPositions()) {
      expected.add(
          new RoundTrip(
              position.getEntry().getIndex(),
              position.getEntry().getPricePerAsset().doubleValue(),
              position.getExit().getIndex(),
              position.getExit().getPricePerAsset().doubleValue()));
    }
    Position current = theirs.getCurrentPosition();
    if (current.isOpened()) {
      expected.add(
          new RoundTrip(
              current.getEntry().getIndex(),
              current.getEntry().getPricePerAsset().doubleValue(),
              -1,
              Double.NaN));
    }
    List<RoundTrip> actual =
        ours.trades().stream()
            .map(
                t ->
                    t.open()
                        ? new RoundTrip(t.entryIndex(), t.entryPrice(), -1, Double.NaN)
                        : new RoundTrip(
                            t.entryIndex(), t.entryPrice(), t.exitIndex(), t.exitPrice()))
            .toList();

    String what = template.id() + "(" + params + ") on " + series.getName() + " " + fill;
    if (requireTrades) {
      assertThat(expected).as("ta4j produced trades to compare").isNotEmpty();
    }
    assertThat(actual).as(what).isEqualTo(expected);
    assertThat(ours.openAtEnd()).as(what).isEqualTo(current.isOpened());
  }
}

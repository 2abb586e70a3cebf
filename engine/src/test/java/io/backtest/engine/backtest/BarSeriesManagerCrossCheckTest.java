package io.backtest.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.ExecutionModel.Fill;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeExecutionModel;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.backtest.TradeOnNextOpenModel;

/**
 * With zero costs our loop must fill exactly where ta4j's own {@link BarSeriesManager} does, on
 * real data (AAPL 2013) and the sma-crossover template.
 */
class BarSeriesManagerCrossCheckTest {

  private static final BarSeries APPLE = TestSeries.apple();
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

  private static void assertSameFills(
      int fast, int slow, Fill fill, TradeExecutionModel ta4jModel) {
    Parameters params = Parameters.empty().with("fast", fast).with("slow", slow);

    BacktestResult ours =
        new Backtester()
            .run(APPLE, SMA.build(APPLE, params), ExecutionModel.frictionless().withFill(fill));
    TradingRecord theirs =
        new BarSeriesManager(APPLE, new ZeroCostModel(), new ZeroCostModel(), ta4jModel)
            .run(SMA.build(APPLE, params));

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

    assertThat(expected).as("ta4j produced trades to compare").isNotEmpty();
    assertThat(actual).isEqualTo(expected);
    assertThat(ours.openAtEnd()).isEqualTo(current.isOpened());
  }
}

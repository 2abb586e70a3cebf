package io.backtest.engine.backtest;

import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.metrics.TradeStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.Strategy;
import org.ta4j.core.Trade.TradeType;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.NumFactory;

/**
 * The reference backtester: runs a long-only ta4j {@link Strategy} over a {@link BarSeries} under
 * an {@link ExecutionModel}, asking the strategy's own rules bar by bar. {@link BacktestEngine}
 * must give the same trades and metrics from array signals; this class is the slow, obviously-ta4j
 * side of that comparison.
 *
 * <p>Bar by bar, for {@code i} in the window {@code [from, to)}:
 *
 * <ol>
 *   <li>a pending next-open order fills at bar {@code i}'s open;
 *   <li>equity is marked at bar {@code i}'s close;
 *   <li>the strategy is asked {@code shouldEnter(i)} when flat or {@code shouldExit(i)} when long
 *       (ta4j's unstable bars answer no); a signal fills at bar {@code i + 1}'s open ({@link
 *       ExecutionModel.Fill#NEXT_OPEN}; dropped on the window's last bar, whose next open is
 *       outside it) or right away at bar {@code i}'s close ({@link ExecutionModel.Fill#SAME_CLOSE},
 *       equity re-marked).
 * </ol>
 *
 * <p>The window starts flat; indicators see the whole series, so bars before {@code from} serve as
 * warm-up. At most one order per bar, as in ta4j's {@code BarSeriesManager}, whose entry/exit
 * indices and prices this reproduces with zero costs. Buys execute at {@code fill × (1 + slippage)}
 * with quantity {@code positionFraction × cash / (price × (1 + fee))}, so the fee fits in the
 * budget; sells at {@code fill × (1 − slippage)}; each side pays {@code fee × quantity × price}. A
 * position still held after the window's last bar stays open, marked at its close.
 *
 * <p>The strategy sees a ta4j {@link TradingRecord} kept in step with the fills at the raw fill
 * price (before slippage), so its stop rules compare the close with the price the order was filled
 * at, as under {@code BarSeriesManager}.
 *
 * <p>Long only: {@link ExecutionModel.Direction#LONG_SHORT}'s stop-and-reverse is not expressible
 * as one ta4j strategy, so only {@link BacktestEngine} runs it.
 *
 * <p>Thread-safe: instances hold only the annualisation factor. A {@link Strategy} caches indicator
 * values and is not, so give each thread its own.
 */
public final class Ta4jBacktester {

  /** Trading days per year, the usual annualisation factor for daily equity bars. */
  public static final double DAILY_BARS_PER_YEAR = 252;

  private final double barsPerYear;

  /** A backtester for daily bars ({@value #DAILY_BARS_PER_YEAR} bars per year). */
  public Ta4jBacktester() {
    this(DAILY_BARS_PER_YEAR);
  }

  /**
   * A backtester annualising metrics with {@code barsPerYear}.
   *
   * @throws IllegalArgumentException if {@code barsPerYear} is not finite and positive
   */
  public Ta4jBacktester(double barsPerYear) {
    if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
      throw new IllegalArgumentException(
          "barsPerYear must be finite and > 0 but was " + barsPerYear);
    }
    this.barsPerYear = barsPerYear;
  }

  /** The annualisation factor passed to {@link PerformanceMetrics#of}. */
  public double barsPerYear() {
    return barsPerYear;
  }

  /** Backtests {@code strategy} over the whole of {@code series}. */
  public BacktestResult run(BarSeries series, Strategy strategy, ExecutionModel model) {
    Objects.requireNonNull(series, "series");
    if (series.isEmpty()) {
      throw new IllegalArgumentException("series '" + series.getName() + "' has no bars");
    }
    return run(series, strategy, model, series.getBeginIndex(), series.getEndIndex() + 1);
  }

  /**
   * Backtests {@code strategy} over bars {@code [from, toExclusive)} of {@code series}.
   *
   * @throws IllegalArgumentException if the window is empty or outside the series, a bar of the
   *     window has a non-positive or non-finite open or close, the strategy starts with a sell, or
   *     the model is long-short
   */
  public BacktestResult run(
      BarSeries series, Strategy strategy, ExecutionModel model, int from, int toExclusive) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(model, "model");
    if (series.isEmpty()) {
      throw new IllegalArgumentException("series '" + series.getName() + "' has no bars");
    }
    if (from < series.getBeginIndex() || toExclusive > series.getEndIndex() + 1) {
      throw new IllegalArgumentException(
          "window ["
              + from
              + ", "
              + toExclusive
              + ") is outside the series' bars ["
              + series.getBeginIndex()
              + ", "
              + (series.getEndIndex() + 1)
              + ")");
    }
    if (from >= toExclusive) {
      throw new IllegalArgumentException("window [" + from + ", " + toExclusive + ") has no bars");
    }
    if (strategy.getStartingType() != TradeType.BUY) {
      throw new IllegalArgumentException(
          "strategy '"
              + strategy.getName()
              + "' starts with a sell; only long strategies run here");
    }
    if (model.direction() != ExecutionModel.Direction.LONG_ONLY) {
      throw new IllegalArgumentException(
          "the ta4j reference backtester is long-only; direction "
              + model.direction()
              + " runs on BacktestEngine");
    }
    return new Run(series, strategy, model, from, toExclusive).execute();
  }

  /** State of one run; the loop reads prices from primitive arrays. */
  private final class Run {

    private final BarSeries series;
    private final Strategy strategy;
    private final boolean nextOpen;
    private final double fee;
    private final double slippage;
    private final double positionFraction;
    private final int from;
    private final int barCount;
    private final double[] open;
    private final double[] close;
    private final double[] equity;
    private final List<Trade> trades = new ArrayList<>();
    private final TradingRecord record = new BaseTradingRecord(TradeType.BUY);
    private final NumFactory num;

    private double cash;
    // The open position, if any.
    private boolean holding;
    private int entryIndex;
    private Instant entryTime;
    private double entryPrice;
    private double quantity;
    private double entryFee;

    Run(BarSeries series, Strategy strategy, ExecutionModel model, int from, int toExclusive) {
      this.series = series;
      this.strategy = strategy;
      this.nextOpen = model.fill() == ExecutionModel.Fill.NEXT_OPEN;
      this.fee = model.feeRate();
      this.slippage = model.slippageRate();
      this.positionFraction = model.positionFraction();
      this.cash = model.capital();
      this.from = from;
      this.barCount = toExclusive - from;
      this.open = new double[barCount];
      this.close = new double[barCount];
      this.equity = new double[barCount];
      this.num = series.numFactory();
      for (int k = 0; k < barCount; k++) {
        Bar bar = series.getBar(from + k);
        open[k] = price(bar.getOpenPrice().doubleValue(), "open", from + k);
        close[k] = price(bar.getClosePrice().doubleValue(), "close", from + k);
      }
    }

    BacktestResult execute() {
      boolean pending = false;
      for (int k = 0; k < barCount; k++) {
        int index = from + k;
        if (pending) {
          Instant time = series.getBar(index).getBeginTime();
          if (holding) {
            sell(index, time, open[k]);
          } else {
            buy(index, time, open[k]);
          }
          pending = false;
        }
        equity[k] = cash + quantity * close[k];
        boolean signal =
            holding ? strategy.shouldExit(index, record) : strategy.shouldEnter(index, record);
        if (signal) {
          if (nextOpen) {
            pending = k + 1 < barCount;
          } else {
            Instant time = series.getBar(index).getEndTime();
            if (holding) {
              sell(index, time, close[k]);
            } else {
              buy(index, time, close[k]);
            }
            equity[k] = cash + quantity * close[k];
          }
        }
      }
      boolean openAtEnd = holding;
      if (openAtEnd) {
        int last = barCount - 1;
        double markValue = quantity * close[last];
        double cost = quantity * entryPrice + entryFee;
        trades.add(
            new Trade(
                Trade.Side.LONG,
                entryIndex,
                entryTime,
                entryPrice,
                from + last,
                series.getBar(from + last).getEndTime(),
                close[last],
                quantity,
                entryFee,
                markValue - cost,
                (markValue - cost) / cost,
                true));
      }
      PerformanceMetrics metrics =
          PerformanceMetrics.ofEquity(
              equity, equity.length, TradeStatistics.of(trades), barsPerYear);
      return new BacktestResult(trades, equity, metrics, openAtEnd, barsPerYear, from);
    }

    private void buy(int index, Instant time, double fillPrice) {
      double price = fillPrice * (1 + slippage);
      double budget = positionFraction * cash;
      // quantity·price·(1 + fee) = budget: the fee is paid out of the committed share.
      quantity = budget / (price * (1 + fee));
      entryFee = quantity * price * fee;
      cash -= quantity * price + entryFee;
      entryIndex = index;
      entryTime = time;
      entryPrice = price;
      holding = true;
      // The raw fill: stop rules measure from the price the order was filled at.
      record.enter(index, num.numOf(fillPrice), num.numOf(quantity));
    }

    private void sell(int index, Instant time, double fillPrice) {
      double price = fillPrice * (1 - slippage);
      double proceeds = quantity * price;
      double exitFee = proceeds * fee;
      double cost = quantity * entryPrice + entryFee;
      double pnl = proceeds - exitFee - cost;
      cash += proceeds - exitFee;
      trades.add(
          new Trade(
              Trade.Side.LONG,
              entryIndex,
              entryTime,
              entryPrice,
              index,
              time,
              price,
              quantity,
              entryFee + exitFee,
              pnl,
              pnl / cost,
              false));
      record.exit(index, num.numOf(fillPrice), num.numOf(quantity));
      quantity = 0;
      entryFee = 0;
      holding = false;
    }

    private static double price(double value, String field, int index) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            "bar " + index + " has " + field + " " + value + "; prices must be finite and > 0");
      }
      return value;
    }
  }
}

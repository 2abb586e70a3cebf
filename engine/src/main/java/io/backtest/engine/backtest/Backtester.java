package io.backtest.engine.backtest;

import io.backtest.engine.metrics.PerformanceMetrics;
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
 * Runs a long-only ta4j {@link Strategy} over a {@link BarSeries} under an {@link ExecutionModel}.
 *
 * <p>Bar by bar, for {@code i} from the series' begin to end index:
 *
 * <ol>
 *   <li>a pending next-open order fills at bar {@code i}'s open;
 *   <li>equity is marked at bar {@code i}'s close;
 *   <li>the strategy is asked {@code shouldEnter(i)} when flat or {@code shouldExit(i)} when long
 *       (ta4j's unstable bars answer no); a signal fills at bar {@code i + 1}'s open ({@link
 *       ExecutionModel.Fill#NEXT_OPEN}; dropped on the last bar, which has no next open) or right
 *       away at bar {@code i}'s close ({@link ExecutionModel.Fill#SAME_CLOSE}, equity re-marked).
 * </ol>
 *
 * <p>At most one order per bar, as in ta4j's {@code BarSeriesManager}, whose entry/exit indices and
 * prices this reproduces with zero costs. Buys execute at {@code fill × (1 + slippage)} with
 * quantity {@code positionFraction × cash / (price × (1 + fee))}, so the fee fits in the budget;
 * sells at {@code fill × (1 − slippage)}; each side pays {@code fee × quantity × price}. A position
 * still held after the last bar stays open, marked at the last close.
 *
 * <p>The strategy sees a ta4j {@link TradingRecord} kept in step with the fills, so rules that read
 * it (stop-loss, minimum holding time) work as under {@code BarSeriesManager}.
 *
 * <p>Thread-safe: instances hold only the annualisation factor. A {@link Strategy} caches indicator
 * values and is not, so give each thread its own.
 */
public final class Backtester {

  /** Trading days per year, the usual annualisation factor for daily equity bars. */
  public static final double DAILY_BARS_PER_YEAR = 252;

  private final double barsPerYear;

  /** A backtester for daily bars ({@value #DAILY_BARS_PER_YEAR} bars per year). */
  public Backtester() {
    this(DAILY_BARS_PER_YEAR);
  }

  /**
   * A backtester annualising metrics with {@code barsPerYear}.
   *
   * @throws IllegalArgumentException if {@code barsPerYear} is not finite and positive
   */
  public Backtester(double barsPerYear) {
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

  /**
   * Backtests {@code strategy} on {@code series}.
   *
   * @throws IllegalArgumentException if the series is empty, a bar has a non-positive or non-finite
   *     open or close, or the strategy starts with a sell (this engine is long-only)
   */
  public BacktestResult run(BarSeries series, Strategy strategy, ExecutionModel model) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(model, "model");
    if (series.isEmpty()) {
      throw new IllegalArgumentException("series '" + series.getName() + "' has no bars");
    }
    if (strategy.getStartingType() != TradeType.BUY) {
      throw new IllegalArgumentException(
          "strategy '"
              + strategy.getName()
              + "' starts with a sell; only long strategies run here");
    }
    return new Run(series, strategy, model).execute();
  }

  /** State of one run; the loop reads prices from primitive arrays for speed. */
  private final class Run {

    private final BarSeries series;
    private final Strategy strategy;
    private final boolean nextOpen;
    private final double fee;
    private final double slippage;
    private final double positionFraction;
    private final int begin;
    private final int barCount;
    private final double[] open;
    private final double[] close;
    private final double[] equity;
    private final List<Trade> trades = new ArrayList<>();
    private final TradingRecord record = new BaseTradingRecord(TradeType.BUY);
    private final NumFactory num;

    private double cash = 1.0;
    // The open position, if any.
    private boolean holding;
    private int entryIndex;
    private Instant entryTime;
    private double entryPrice;
    private double quantity;
    private double entryFee;

    Run(BarSeries series, Strategy strategy, ExecutionModel model) {
      this.series = series;
      this.strategy = strategy;
      this.nextOpen = model.fill() == ExecutionModel.Fill.NEXT_OPEN;
      this.fee = model.feeRate();
      this.slippage = model.slippageRate();
      this.positionFraction = model.positionFraction();
      this.begin = series.getBeginIndex();
      this.barCount = series.getEndIndex() - begin + 1;
      this.open = new double[barCount];
      this.close = new double[barCount];
      this.equity = new double[barCount];
      this.num = series.numFactory();
      for (int k = 0; k < barCount; k++) {
        Bar bar = series.getBar(begin + k);
        open[k] = price(bar.getOpenPrice().doubleValue(), "open", begin + k);
        close[k] = price(bar.getClosePrice().doubleValue(), "close", begin + k);
      }
    }

    BacktestResult execute() {
      boolean pending = false;
      for (int k = 0; k < barCount; k++) {
        int index = begin + k;
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
                entryIndex,
                entryTime,
                entryPrice,
                begin + last,
                series.getBar(begin + last).getEndTime(),
                close[last],
                quantity,
                entryFee,
                markValue - cost,
                (markValue - cost) / cost,
                true));
      }
      double[] returns = new double[barCount - 1];
      for (int k = 1; k < barCount; k++) {
        returns[k - 1] = equity[k] / equity[k - 1] - 1;
      }
      PerformanceMetrics metrics = PerformanceMetrics.of(returns, equity, trades, barsPerYear);
      return new BacktestResult(trades, equity, returns, metrics, openAtEnd);
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
      record.enter(index, num.numOf(price), num.numOf(quantity));
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
      record.exit(index, num.numOf(price), num.numOf(quantity));
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

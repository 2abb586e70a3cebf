package io.backtest.engine.backtest;

import static io.backtest.engine.indicator.Crosses.ge;
import static io.backtest.engine.indicator.Crosses.gt;
import static io.backtest.engine.indicator.Crosses.le;
import static io.backtest.engine.indicator.Crosses.lt;

import io.backtest.engine.data.BarArrays;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.metrics.TradeStatistics;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.Signals;
import io.backtest.engine.strategy.Stops;
import io.backtest.engine.strategy.StrategyTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fast backtester: the position and equity loop of {@link Ta4jBacktester} over primitive arrays
 * — bars from {@link BarArrays}, decisions from a template's {@link Signals} — with no allocation
 * per bar (only one {@link Trade} per round trip, and none at all for {@link #metrics}).
 *
 * <p>Same execution semantics as {@link Ta4jBacktester} (read its class comment): window {@code
 * [from, to)} evaluated with indicators of the full series, flat at {@code from}, no signal on a
 * bar whose full-series index is below the template's unstable count, one order per bar, next-open
 * or same-close fills, a next-open signal on the window's last bar dropped, a position open at the
 * end reported open and marked at the window's last close. Stops ({@link Stops}) are checked on
 * each bar's close while a position is open, against its raw entry fill price, and exit like an
 * exit signal. The arithmetic is the same expressions in the same order, so for long-only models
 * trades and equity are bitwise equal to the reference's.
 *
 * <p>Also runs {@link ExecutionModel.Direction#LONG_SHORT} (stop-and-reverse, documented on {@link
 * ExecutionModel}), which the reference cannot express.
 *
 * <p>Thread-safe and stateless but for the annualisation factor. Typical use: one {@link
 * IndicatorSet} per dataset shared by all threads, {@link StrategyTemplate#signals} once per
 * candidate, then {@link #run(BarArrays, Signals, ExecutionModel, int, int)} or {@link
 * #metrics(BarArrays, Signals, ExecutionModel, int, int)} per fold.
 */
public final class BacktestEngine {

  private static final int NONE = 0;
  private static final int CLOSE = 1;
  private static final int OPEN_LONG = 2;
  private static final int OPEN_SHORT = 3;
  private static final int REVERSE = 4;

  private final double barsPerYear;

  /** An engine annualising with {@value Ta4jBacktester#DAILY_BARS_PER_YEAR} bars per year. */
  public BacktestEngine() {
    this(Ta4jBacktester.DAILY_BARS_PER_YEAR);
  }

  /**
   * An engine annualising metrics with {@code barsPerYear}.
   *
   * @throws IllegalArgumentException if {@code barsPerYear} is not finite and positive
   */
  public BacktestEngine(double barsPerYear) {
    if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
      throw new IllegalArgumentException(
          "barsPerYear must be finite and > 0 but was " + barsPerYear);
    }
    this.barsPerYear = barsPerYear;
  }

  /** The annualisation factor of the metrics. */
  public double barsPerYear() {
    return barsPerYear;
  }

  /**
   * Backtests {@code template} at {@code params} over bars {@code [from, toExclusive)}.
   *
   * @throws IllegalArgumentException if {@code params} is invalid for the template or the window is
   *     empty or outside the series
   */
  public BacktestResult run(
      IndicatorSet indicators,
      StrategyTemplate template,
      Parameters params,
      ExecutionModel model,
      int from,
      int toExclusive) {
    Objects.requireNonNull(template, "template");
    return run(indicators.bars(), template.signals(indicators, params), model, from, toExclusive);
  }

  /** Backtests precomputed {@code signals} over bars {@code [from, toExclusive)}. */
  public BacktestResult run(
      BarArrays bars, Signals signals, ExecutionModel model, int from, int toExclusive) {
    Loop loop = new Loop(bars, signals, model, from, toExclusive, null);
    loop.execute();
    TradeStatistics stats = TradeStatistics.of(loop.trades);
    PerformanceMetrics metrics =
        PerformanceMetrics.ofEquity(loop.equity, loop.equity.length, stats, barsPerYear);
    return new BacktestResult(loop.trades, loop.equity, metrics, loop.side != 0, barsPerYear, from);
  }

  /**
   * The metrics {@link #run(IndicatorSet, StrategyTemplate, Parameters, ExecutionModel, int, int)}
   * would report, without building trades or a result: for optimisers.
   */
  public PerformanceMetrics metrics(
      IndicatorSet indicators,
      StrategyTemplate template,
      Parameters params,
      ExecutionModel model,
      int from,
      int toExclusive) {
    Objects.requireNonNull(template, "template");
    return metrics(
        indicators.bars(), template.signals(indicators, params), model, from, toExclusive);
  }

  /**
   * The metrics {@link #run(BarArrays, Signals, ExecutionModel, int, int)} would report, equal to
   * them (same numbers summed in the same order), without building trades or a result.
   */
  public PerformanceMetrics metrics(
      BarArrays bars, Signals signals, ExecutionModel model, int from, int toExclusive) {
    double[] scratch = SCRATCH.get();
    if (scratch.length < toExclusive - from) {
      scratch = new double[Math.max(toExclusive - from, 2 * scratch.length)];
      SCRATCH.set(scratch);
    }
    Loop loop = new Loop(bars, signals, model, from, toExclusive, scratch);
    loop.execute();
    return PerformanceMetrics.ofEquity(scratch, toExclusive - from, loop.stats, barsPerYear);
  }

  /**
   * Each thread's equity buffer for {@link #metrics}, which reads the curve once and keeps nothing
   * of it: an optimiser evaluating hundreds of windows allocates no curve per window.
   */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

  /** One run's state: primitives only, so the bar loop allocates nothing. */
  private static final class Loop {

    private final BarArrays bars;
    private final double[] open;
    private final double[] close;
    private final boolean[] entry;
    private final boolean[] exit;
    private final int unstable;
    private final int from;
    private final int to;
    private final boolean nextOpen;
    private final boolean longShort;
    private final double fee;
    private final double slippage;
    private final double positionFraction;
    // Stops: ratios as ta4j computes them, NaN when off.
    private final double longLossRatio;
    private final double longGainRatio;
    private final double shortLossRatio;
    private final double shortGainRatio;
    private final double lossAtr;
    private final double gainAtr;
    private final double[] atr;
    private final boolean anyStop;

    final double[] equity;
    final List<Trade> trades;
    final TradeStatistics stats;

    private double cash;

    /** +1 long, −1 short, 0 flat. */
    int side;

    private double quantity;
    private int entryIndex;
    private double entryPrice;
    private double entryFill;
    private double entryFee;

    Loop(
        BarArrays bars,
        Signals signals,
        ExecutionModel model,
        int from,
        int toExclusive,
        double[] scratch) {
      Objects.requireNonNull(bars, "bars");
      Objects.requireNonNull(signals, "signals");
      Objects.requireNonNull(model, "model");
      if (signals.size() != bars.size()) {
        throw new IllegalArgumentException(
            "signals cover " + signals.size() + " bars but the series has " + bars.size());
      }
      if (from < 0 || toExclusive > bars.size()) {
        throw new IllegalArgumentException(
            "window ["
                + from
                + ", "
                + toExclusive
                + ") is outside the series' bars [0, "
                + bars.size()
                + ")");
      }
      if (from >= toExclusive) {
        throw new IllegalArgumentException(
            "window [" + from + ", " + toExclusive + ") has no bars");
      }
      this.bars = bars;
      this.open = bars.open();
      this.close = bars.close();
      this.entry = signals.entry();
      this.exit = signals.exit();
      this.unstable = signals.unstableBars();
      this.from = from;
      this.to = toExclusive;
      this.nextOpen = model.fill() == ExecutionModel.Fill.NEXT_OPEN;
      this.longShort = model.direction() == ExecutionModel.Direction.LONG_SHORT;
      this.fee = model.feeRate();
      this.slippage = model.slippageRate();
      this.positionFraction = model.positionFraction();
      this.cash = model.capital();
      Stops stops = signals.stops();
      // ta4j's StopLossRule / StopGainRule: entry × ((100 ∓ pct) / 100).
      this.longLossRatio = (100.0 - stops.lossPct()) / 100.0;
      this.longGainRatio = (100.0 + stops.gainPct()) / 100.0;
      this.shortLossRatio = (100.0 + stops.lossPct()) / 100.0;
      this.shortGainRatio = (100.0 - stops.gainPct()) / 100.0;
      this.lossAtr = stops.lossAtr();
      this.gainAtr = stops.gainAtr();
      this.atr = stops.atr();
      this.anyStop = stops.any();
      // A scratch buffer (metrics only, longer than the window) or the result's own curve.
      this.equity = scratch != null ? scratch : new double[toExclusive - from];
      this.trades = scratch == null ? new ArrayList<>() : null;
      this.stats = scratch == null ? null : new TradeStatistics();
    }

    void execute() {
      final double[] close = this.close;
      final double[] equity = this.equity;
      final boolean[] entry = this.entry;
      final boolean[] exit = this.exit;
      final int from = this.from;
      final int to = this.to;
      final int unstable = this.unstable;
      int pending = NONE;
      int k = from;
      while (k < to) {
        if (pending != NONE) {
          act(pending, k, open[k]);
          pending = NONE;
        }
        if (!anyStop) {
          // Without stops nothing happens between signals: mark a whole stretch in a loop over
          // locals, up to and including the next bar with a signal that decide() would act on.
          // The marks are mark()'s expressions (flat: cash + 0 × close = cash exactly).
          double c = cash;
          double q = quantity;
          if (side == 0) {
            while (k < to) {
              equity[k - from] = c;
              if (k >= unstable && (entry[k] || (longShort && exit[k]))) {
                break;
              }
              k++;
            }
          } else if (side > 0) {
            while (k < to) {
              equity[k - from] = c + q * close[k];
              if (k >= unstable && exit[k]) {
                break;
              }
              k++;
            }
          } else {
            while (k < to) {
              equity[k - from] = c - q * close[k];
              if (k >= unstable && entry[k]) {
                break;
              }
              k++;
            }
          }
          if (k == to) {
            break;
          }
        } else {
          equity[k - from] = mark(k);
        }
        if (k >= unstable) {
          int action = decide(k);
          if (action != NONE) {
            if (nextOpen) {
              if (k + 1 < to) {
                pending = action;
              }
            } else {
              act(action, k, close[k]);
              equity[k - from] = mark(k);
            }
          }
        }
        k++;
      }
      if (side != 0) {
        closeOpenTradeAtEnd();
      }
    }

    private double mark(int k) {
      // Flat: quantity is 0, so this is cash exactly, as in the reference.
      return side < 0 ? cash - quantity * close[k] : cash + quantity * close[k];
    }

    private int decide(int k) {
      if (side > 0) {
        if (exit[k]) {
          return longShort ? REVERSE : CLOSE;
        }
        return anyStop && longStopHit(k) ? CLOSE : NONE;
      }
      if (side < 0) {
        if (entry[k]) {
          return REVERSE;
        }
        return anyStop && shortStopHit(k) ? CLOSE : NONE;
      }
      if (entry[k]) {
        return OPEN_LONG;
      }
      return longShort && exit[k] ? OPEN_SHORT : NONE;
    }

    private boolean longStopHit(int k) {
      double c = close[k];
      return le(c, entryFill * longLossRatio)
          || (atr != null && lt(c, entryFill - atr[k] * lossAtr))
          || ge(c, entryFill * longGainRatio)
          || (atr != null && ge(c, entryFill + atr[k] * gainAtr));
    }

    private boolean shortStopHit(int k) {
      double c = close[k];
      return ge(c, entryFill * shortLossRatio)
          || (atr != null && gt(c, entryFill + atr[k] * lossAtr))
          || le(c, entryFill * shortGainRatio)
          || (atr != null && le(c, entryFill - atr[k] * gainAtr));
    }

    private void act(int action, int index, double fill) {
      switch (action) {
        case CLOSE -> closePosition(index, fill);
        case OPEN_LONG -> openPosition(index, fill, 1);
        case OPEN_SHORT -> openPosition(index, fill, -1);
        case REVERSE -> {
          int newSide = -side;
          closePosition(index, fill);
          openPosition(index, fill, newSide);
        }
        default -> throw new IllegalStateException("unknown action " + action);
      }
    }

    private void openPosition(int index, double fill, int newSide) {
      double price = newSide > 0 ? fill * (1 + slippage) : fill * (1 - slippage);
      double budget = positionFraction * cash;
      // quantity·price·(1 + fee) = budget: the fee is paid out of the committed share.
      quantity = budget / (price * (1 + fee));
      entryFee = quantity * price * fee;
      if (newSide > 0) {
        cash -= quantity * price + entryFee;
      } else {
        cash += quantity * price - entryFee;
      }
      side = newSide;
      entryIndex = index;
      entryPrice = price;
      entryFill = fill;
    }

    private void closePosition(int index, double fill) {
      double cost = quantity * entryPrice + entryFee;
      double price;
      double exitFee;
      double pnl;
      if (side > 0) {
        price = fill * (1 - slippage);
        double proceeds = quantity * price;
        exitFee = proceeds * fee;
        pnl = proceeds - exitFee - cost;
        cash += proceeds - exitFee;
      } else {
        price = fill * (1 + slippage);
        double buyBack = quantity * price;
        exitFee = buyBack * fee;
        pnl = (quantity * entryPrice - entryFee) - (buyBack + exitFee);
        cash -= buyBack + exitFee;
      }
      record(index, price, entryFee + exitFee, pnl, cost, false);
      quantity = 0;
      entryFee = 0;
      side = 0;
    }

    private void closeOpenTradeAtEnd() {
      int last = to - 1;
      double markValue = quantity * close[last];
      double cost = quantity * entryPrice + entryFee;
      double pnl = side > 0 ? markValue - cost : (quantity * entryPrice - entryFee) - markValue;
      record(last, close[last], entryFee, pnl, cost, true);
    }

    private void record(
        int exitIndex, double exitPrice, double fees, double pnl, double cost, boolean open) {
      if (stats != null) {
        stats.add(pnl, exitIndex - entryIndex + (open ? 1 : 0), open);
        return;
      }
      trades.add(
          new Trade(
              side > 0 ? Trade.Side.LONG : Trade.Side.SHORT,
              entryIndex,
              nextOpen ? bars.openTime(entryIndex) : bars.closeTime(entryIndex),
              entryPrice,
              exitIndex,
              open || !nextOpen ? bars.closeTime(exitIndex) : bars.openTime(exitIndex),
              exitPrice,
              quantity,
              fees,
              pnl,
              pnl / cost,
              open));
    }
  }
}

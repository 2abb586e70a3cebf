package io.backtest.engine.live;

import static io.backtest.engine.indicator.Crosses.ge;
import static io.backtest.engine.indicator.Crosses.gt;
import static io.backtest.engine.indicator.Crosses.le;
import static io.backtest.engine.indicator.Crosses.lt;

import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.Ta4jBacktester;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.live.StreamingSignals.StopLevels;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.metrics.TradeStatistics;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A backtest fed one bar at a time, for paper trading a strategy on a live bar stream with the
 * decisions its backtest made: {@link #onBar(OhlcvBar)} reports what happened on each bar (fills,
 * the trade closed, equity, the position held) and {@link #result()} the whole run so far.
 *
 * <p><b>Equality with the batch engine.</b> Fed bars {@code 0..n−1} of a series — the first {@code
 * w} through {@link #warmUp(OhlcvBar)}, the rest through {@link #onBar(OhlcvBar)} — it holds, after
 * every bar, exactly what {@link BacktestEngine#run(BarArrays, io.backtest.engine.strategy.Signals,
 * ExecutionModel, int, int) BacktestEngine.run(bars, template.signals(...), model, w, n)} reports
 * for those bars: the same trades (indices, times, prices, quantities, fees, pnl), the same equity
 * at every bar and the same metrics, bit for bit ({@link #result()} {@code equals} the batch
 * result). Two consequences of the batch semantics carry over: an order decided on the latest bar
 * for the next open is {@linkplain #pendingOrder() pending} and not in {@link #result()} (the batch
 * drops a next-open signal on the window's last bar), and a position still held is reported as an
 * open trade marked at the latest close.
 *
 * <p>The equality needs the same history: indicators such as the SMA's running sum or an EMA carry
 * rounding (or, for the EMA, weight) from every earlier bar, so a run started on a later first bar
 * differs from a backtest of the longer series in the last bits, and a cross rule can turn on those
 * bits. Warm up with the same bars the backtest saw to reproduce it.
 *
 * <p><b>How.</b> The position and equity loop is {@code BacktestEngine}'s, statement for statement
 * (the same expressions in the same order, so the same roundings). The signals of the nine built-in
 * templates come from streaming kernels ({@code BuiltInSignals}) whose indicators keep the batch
 * recursions' state — running sums, previous averages, bounded windows of recent bars — and update
 * it with the batch arithmetic, so each bar costs O(1) (O(period) for the Bollinger templates'
 * standard deviation, which the batch also re-sums per bar) whatever the history's length. Any
 * other template is replayed: its signals are recomputed over the whole history on every bar, exact
 * but O(history) per bar; {@link #boundedCostPerBar()} says which.
 *
 * <p><b>Settings</b> (constructor arguments): the template and a valid point of its space; the
 * {@link ExecutionModel} (fill, direction, costs, sizing, capital — no default here, as the run
 * must use the backtest's own); the bar duration (no default: a same-close fill and an open trade's
 * mark are timed at a bar's open time plus it, as {@link BarArrays#closeTime(int)} does); and the
 * metrics' bars per year, default {@value Ta4jBacktester#DAILY_BARS_PER_YEAR} because {@link
 * BacktestEngine#BacktestEngine()} defaults to it (pass the backtest's own to compare metrics).
 *
 * <p>Memory: the equity curve (8 bytes per traded bar) and the closed trades, for {@link
 * #result()}; the kernels keep only their windows. Not thread-safe: one instance per stream.
 */
public final class IncrementalBacktest {

  private final StrategyTemplate template;
  private final Parameters params;
  private final ExecutionModel model;
  private final Duration barDuration;
  private final double barsPerYear;
  private final StreamingSignals signals;

  private final boolean nextOpen;
  private final boolean longShort;
  private final double fee;
  private final double slippage;
  private final double positionFraction;

  // Stops, as BacktestEngine's loop holds them; read from the signals once the first bar is in.
  private boolean stopsRead;
  private boolean anyStop;
  private double longLossRatio;
  private double longGainRatio;
  private double shortLossRatio;
  private double shortGainRatio;
  private double lossAtr;
  private double gainAtr;

  /** Bars seen, warm-up included: the index of the next bar. */
  private int count;

  /** Index of the first traded bar, −1 while warming up. */
  private int from = -1;

  private long previousTime;
  private Instant lastTime;
  private double lastClose;

  private double[] equity = new double[64];
  private int equityCount;
  private final List<Trade> closed = new ArrayList<>();

  private double cash;

  /** +1 long, −1 short, 0 flat. */
  private int side;

  private double quantity;
  private int entryIndex;
  private Instant entryTime;
  private double entryPrice;
  private double entryFill;
  private double entryFee;

  /** The open position as reported, built once per entry; null when flat. */
  private Position position;

  private Order pending;

  // What the current bar did, for its BarStep.
  private Trade closedNow;
  private Position openedNow;

  /**
   * An incremental backtest annualising its metrics with {@value
   * Ta4jBacktester#DAILY_BARS_PER_YEAR} bars per year, as {@link BacktestEngine#BacktestEngine()}.
   *
   * @see #IncrementalBacktest(StrategyTemplate, Parameters, ExecutionModel, Duration, double)
   */
  public IncrementalBacktest(
      StrategyTemplate template, Parameters params, ExecutionModel model, Duration barDuration) {
    this(template, params, model, barDuration, Ta4jBacktester.DAILY_BARS_PER_YEAR);
  }

  /**
   * An incremental backtest of {@code template} at {@code params} under {@code model}, before its
   * first bar.
   *
   * @param template the strategy; a built-in one runs at bounded cost per bar, any other is
   *     replayed (see the class comment)
   * @param params a valid point of the template's space
   * @param model fills, direction, costs, sizing and capital, as for {@link BacktestEngine}
   * @param barDuration the bars' length: a same-close fill and an open trade's mark are timed at a
   *     bar's open time plus this, as {@link BarArrays#closeTime(int)}
   * @param barsPerYear annualisation factor of {@link #result()}'s metrics, as {@link
   *     BacktestEngine#BacktestEngine(double)}
   * @throws IllegalArgumentException if {@code params} is invalid for the template, {@code
   *     barDuration} is not positive or {@code barsPerYear} is not finite and positive
   */
  public IncrementalBacktest(
      StrategyTemplate template,
      Parameters params,
      ExecutionModel model,
      Duration barDuration,
      double barsPerYear) {
    this.template = Objects.requireNonNull(template, "template");
    this.params = Objects.requireNonNull(params, "params");
    this.model = Objects.requireNonNull(model, "model");
    this.barDuration = Objects.requireNonNull(barDuration, "barDuration");
    if (barDuration.isNegative() || barDuration.isZero()) {
      throw new IllegalArgumentException("barDuration must be positive but was " + barDuration);
    }
    if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
      throw new IllegalArgumentException(
          "barsPerYear must be finite and > 0 but was " + barsPerYear);
    }
    template.validate(params);
    this.barsPerYear = barsPerYear;
    this.signals = StreamingSignals.of(template, params, barDuration);
    this.nextOpen = model.fill() == ExecutionModel.Fill.NEXT_OPEN;
    this.longShort = model.direction() == ExecutionModel.Direction.LONG_SHORT;
    // ExecutionModel.feeRate() and slippageRate(), which are package-private there.
    this.fee = model.feeBps() / 10_000;
    this.slippage = model.slippageBps() / 10_000;
    this.positionFraction = model.positionFraction();
    this.cash = model.capital();
  }

  /**
   * Feeds a bar that only advances the indicators: the history before trading starts, e.g. the bars
   * a backtest saw before the window being paper-traded. Equivalent to the bars before {@code from}
   * in {@link BacktestEngine#run(BarArrays, io.backtest.engine.strategy.Signals, ExecutionModel,
   * int, int)}.
   *
   * @throws IllegalStateException once {@link #onBar(OhlcvBar)} has been called
   * @throws IllegalArgumentException if the bar is invalid (see {@link #onBar(OhlcvBar)}); the
   *     backtest is then unchanged
   */
  public void warmUp(OhlcvBar bar) {
    if (from >= 0) {
      throw new IllegalStateException(
          "warm-up bars must come before the first traded bar (bar " + from + ")");
    }
    check(bar);
    advance(bar);
  }

  /**
   * Feeds the next bar and trades it: fills the order pending from the previous bar at this bar's
   * open, evaluates the strategy on its close, fills or queues the resulting order, and marks
   * equity at the close.
   *
   * @return what happened on the bar
   * @throws IllegalArgumentException if the bar's time is not after the previous bar's or has a
   *     fraction of a second, a price is not finite and positive, or the volume is not finite (the
   *     checks of {@link BarArrays#of}); the backtest is then unchanged
   */
  public BarStep onBar(OhlcvBar bar) {
    check(bar);
    int k = count;
    if (from < 0) {
      from = k;
    }
    advance(bar);
    closedNow = null;
    openedNow = null;
    double close = bar.close();

    if (pending != null) {
      act(pending, k, bar.open(), bar.time());
      pending = null;
    }
    // BacktestEngine marks through its stretch loop without stops (cash exactly when flat) and
    // with mark() with them; the two agree but for the sign of a zero cash, kept apart anyway.
    double mark = !anyStop && side == 0 ? cash : mark(close);

    boolean entry = signals.entry();
    boolean exit = signals.exit();
    Order order = null;
    boolean stop = false;
    if (k >= signals.unstableBars()) {
      if (side > 0) {
        if (exit) {
          order = longShort ? Order.REVERSE : Order.EXIT;
        } else if (anyStop && longStopHit(close)) {
          order = Order.EXIT;
          stop = true;
        }
      } else if (side < 0) {
        if (entry) {
          order = Order.REVERSE;
        } else if (anyStop && shortStopHit(close)) {
          order = Order.EXIT;
          stop = true;
        }
      } else if (entry) {
        order = Order.ENTER_LONG;
      } else if (longShort && exit) {
        order = Order.ENTER_SHORT;
      }
      if (order != null) {
        if (nextOpen) {
          pending = order;
        } else {
          act(order, k, close, bar.time().plus(barDuration));
          mark = mark(close);
        }
      }
    }

    double barReturn = equityCount == 0 ? Double.NaN : mark / equity[equityCount - 1] - 1;
    if (equityCount == equity.length) {
      equity = Arrays.copyOf(equity, 2 * equity.length);
    }
    equity[equityCount++] = mark;
    return new BarStep(
        k,
        bar.time(),
        entry,
        exit,
        Optional.ofNullable(closedNow),
        Optional.ofNullable(openedNow),
        Optional.ofNullable(order),
        stop,
        position(),
        mark,
        barReturn);
  }

  private void check(OhlcvBar bar) {
    Objects.requireNonNull(bar, "bar");
    Instant time = bar.time();
    if (time.getNano() != 0) {
      throw new IllegalArgumentException(
          "bar " + count + " at " + time + " has a fraction of a second; whole seconds expected");
    }
    if (count > 0 && time.getEpochSecond() <= previousTime) {
      throw new IllegalArgumentException(
          "bar "
              + count
              + " at "
              + time
              + " is not after bar "
              + (count - 1)
              + " at "
              + Instant.ofEpochSecond(previousTime));
    }
    checkPrice(bar.open(), "open");
    checkPrice(bar.high(), "high");
    checkPrice(bar.low(), "low");
    checkPrice(bar.close(), "close");
    if (!Double.isFinite(bar.volume())) {
      throw new IllegalArgumentException("bar " + count + " has volume " + bar.volume());
    }
  }

  private void checkPrice(double value, String field) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "bar " + count + " has " + field + " " + value + "; prices must be finite and > 0");
    }
  }

  private void advance(OhlcvBar bar) {
    signals.add(bar);
    count++;
    previousTime = bar.time().getEpochSecond();
    lastTime = bar.time();
    lastClose = bar.close();
    if (!stopsRead) {
      StopLevels stops = signals.stopLevels();
      // BacktestEngine's loop: ta4j's StopLossRule / StopGainRule, entry × ((100 ∓ pct) / 100).
      longLossRatio = (100.0 - stops.lossPct()) / 100.0;
      longGainRatio = (100.0 + stops.gainPct()) / 100.0;
      shortLossRatio = (100.0 + stops.lossPct()) / 100.0;
      shortGainRatio = (100.0 - stops.gainPct()) / 100.0;
      lossAtr = stops.lossAtr();
      gainAtr = stops.gainAtr();
      anyStop = stops.any();
      stopsRead = true;
    }
  }

  private double mark(double close) {
    return side < 0 ? cash - quantity * close : cash + quantity * close;
  }

  // The ATR is NaN when no ATR stop is set, where every comparison with it is false, as the
  // batch's "atr != null && ..." is.
  private boolean longStopHit(double c) {
    double atr = signals.atr();
    return le(c, entryFill * longLossRatio)
        || lt(c, entryFill - atr * lossAtr)
        || ge(c, entryFill * longGainRatio)
        || ge(c, entryFill + atr * gainAtr);
  }

  private boolean shortStopHit(double c) {
    double atr = signals.atr();
    return ge(c, entryFill * shortLossRatio)
        || gt(c, entryFill + atr * lossAtr)
        || le(c, entryFill * shortGainRatio)
        || le(c, entryFill - atr * gainAtr);
  }

  private void act(Order order, int index, double fill, Instant time) {
    switch (order) {
      case EXIT -> closePosition(index, fill, time);
      case ENTER_LONG -> openPosition(index, fill, 1, time);
      case ENTER_SHORT -> openPosition(index, fill, -1, time);
      case REVERSE -> {
        int newSide = -side;
        closePosition(index, fill, time);
        openPosition(index, fill, newSide, time);
      }
    }
  }

  private void openPosition(int index, double fill, int newSide, Instant time) {
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
    entryTime = time;
    entryPrice = price;
    entryFill = fill;
    position =
        new Position(
            newSide > 0 ? Trade.Side.LONG : Trade.Side.SHORT,
            index,
            time,
            price,
            fill,
            quantity,
            entryFee);
    openedNow = position;
  }

  private void closePosition(int index, double fill, Instant time) {
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
    closedNow = trade(index, time, price, entryFee + exitFee, pnl, cost, false);
    closed.add(closedNow);
    quantity = 0;
    entryFee = 0;
    side = 0;
    position = null;
  }

  private Trade trade(
      int exitIndex,
      Instant exitTime,
      double exitPrice,
      double fees,
      double pnl,
      double cost,
      boolean open) {
    return new Trade(
        side > 0 ? Trade.Side.LONG : Trade.Side.SHORT,
        entryIndex,
        entryTime,
        entryPrice,
        exitIndex,
        exitTime,
        exitPrice,
        quantity,
        fees,
        pnl,
        pnl / cost,
        open);
  }

  /** The template being traded. */
  public StrategyTemplate template() {
    return template;
  }

  /** The parameters being traded. */
  public Parameters params() {
    return params;
  }

  /** The execution model. */
  public ExecutionModel model() {
    return model;
  }

  /**
   * Whether each bar costs a bounded amount of work however long the history (a built-in template's
   * streaming kernel), or work proportional to the history (any other template, whose signals are
   * recomputed over all bars on every bar).
   */
  public boolean boundedCostPerBar() {
    return signals.boundedCostPerBar();
  }

  /** Bars fed so far, warm-up included: the series index the next bar will have. */
  public int barCount() {
    return count;
  }

  /** Warm-up bars fed before the first traded bar: the batch window's {@code from}. */
  public int warmUpBars() {
    return from >= 0 ? from : count;
  }

  /** Bars traded so far: the length of {@link #equityCurve()}. */
  public int tradedBars() {
    return equityCount;
  }

  /** Cash, in currency: starting capital before the first fill. */
  public double cash() {
    return cash;
  }

  /**
   * Equity at the latest traded bar's close, in currency; the starting capital before the first.
   */
  public double equity() {
    return equityCount == 0 ? model.capital() : equity[equityCount - 1];
  }

  /** Equity at the close of every traded bar, as {@link BacktestResult#equity()}; a copy. */
  public double[] equityCurve() {
    return Arrays.copyOf(equity, equityCount);
  }

  /** The position held after the latest bar, if any. */
  public Optional<Position> position() {
    return Optional.ofNullable(position);
  }

  /**
   * The order decided on the latest bar's close for the next bar's open (next-open fills only), if
   * any: it fills when the next bar arrives, and {@link #result()} leaves it out.
   */
  public Optional<Order> pendingOrder() {
    return Optional.ofNullable(pending);
  }

  /** The trades closed so far, in order (unmodifiable). */
  public List<Trade> closedTrades() {
    return Collections.unmodifiableList(closed);
  }

  /**
   * The position held, as the open trade {@link BacktestResult#trades()} ends with: marked at the
   * latest bar's close, its exit fields that bar's index, end time and close, no exit fee.
   */
  public Optional<Trade> openTrade() {
    if (side == 0) {
      return Optional.empty();
    }
    // BacktestEngine's closeOpenTradeAtEnd.
    double markValue = quantity * lastClose;
    double cost = quantity * entryPrice + entryFee;
    double pnl = side > 0 ? markValue - cost : (quantity * entryPrice - entryFee) - markValue;
    return Optional.of(
        trade(count - 1, lastTime.plus(barDuration), lastClose, entryFee, pnl, cost, true));
  }

  /**
   * {@link #closedTrades()} followed by {@link #openTrade()}, as {@link BacktestResult#trades()}.
   */
  public List<Trade> trades() {
    List<Trade> trades = new ArrayList<>(closed.size() + 1);
    trades.addAll(closed);
    openTrade().ifPresent(trades::add);
    return trades;
  }

  /**
   * The run so far as {@link BacktestEngine} reports it for the same bars: equal, field for field
   * and bit for bit, to {@code run(bars, signals, model, warmUpBars(), barCount())}. Costs O(traded
   * bars), for the metrics.
   *
   * @throws IllegalStateException before the first traded bar
   */
  public BacktestResult result() {
    if (equityCount == 0) {
      throw new IllegalStateException("no bar traded yet");
    }
    List<Trade> trades = trades();
    double[] curve = equityCurve();
    PerformanceMetrics metrics =
        PerformanceMetrics.ofEquity(curve, curve.length, TradeStatistics.of(trades), barsPerYear);
    return new BacktestResult(trades, curve, metrics, side != 0, barsPerYear, from);
  }

  @Override
  public String toString() {
    return "IncrementalBacktest["
        + template.id()
        + "("
        + params
        + "), "
        + count
        + " bars, equity "
        + equity()
        + "]";
  }
}

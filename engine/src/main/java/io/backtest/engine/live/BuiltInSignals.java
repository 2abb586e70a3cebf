package io.backtest.engine.live;

import static io.backtest.engine.indicator.Crosses.gt;
import static io.backtest.engine.indicator.Crosses.lt;
import static io.backtest.engine.strategy.AbstractStrategyTemplate.ATR_PERIOD;
import static io.backtest.engine.strategy.AbstractStrategyTemplate.DEFAULT_ATR_PERIOD;
import static io.backtest.engine.strategy.AbstractStrategyTemplate.STOP_LOSS_ATR;
import static io.backtest.engine.strategy.AbstractStrategyTemplate.STOP_LOSS_PCT;
import static io.backtest.engine.strategy.AbstractStrategyTemplate.TAKE_PROFIT_ATR;
import static io.backtest.engine.strategy.AbstractStrategyTemplate.TAKE_PROFIT_PCT;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.live.StreamingIndicators.Atr;
import io.backtest.engine.live.StreamingIndicators.Average;
import io.backtest.engine.live.StreamingIndicators.Cross;
import io.backtest.engine.live.StreamingIndicators.Ema;
import io.backtest.engine.live.StreamingIndicators.Extreme;
import io.backtest.engine.live.StreamingIndicators.Roc;
import io.backtest.engine.live.StreamingIndicators.Rsi;
import io.backtest.engine.live.StreamingIndicators.Sma;
import io.backtest.engine.live.StreamingIndicators.StandardDeviation;
import io.backtest.engine.strategy.BollingerBreakoutTemplate;
import io.backtest.engine.strategy.BollingerReversionTemplate;
import io.backtest.engine.strategy.BuyAndHoldTemplate;
import io.backtest.engine.strategy.DonchianBreakoutTemplate;
import io.backtest.engine.strategy.EmaCrossoverTemplate;
import io.backtest.engine.strategy.MacdTemplate;
import io.backtest.engine.strategy.MomentumTemplate;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.RsiReversionTemplate;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import io.backtest.engine.strategy.StrategyTemplate;

/**
 * Streaming twins of the nine built-in templates' {@code computeSignals}: the same indicators (from
 * {@link StreamingIndicators}), cross rules, unstable-bar counts and cross boundaries as each
 * template's source, and the optional stops read from the parameters as {@code
 * AbstractStrategyTemplate} reads them. A change to a template's signals must be mirrored here;
 * {@code IncrementalBacktestTest} fails until it is.
 *
 * <p>Per-bar cost: O(1) for every template but the two Bollinger ones, which re-sum their {@code
 * period}-bar window for the standard deviation (O(period), as the batch does).
 */
abstract class BuiltInSignals implements StreamingSignals {

  private final int unstableBars;
  private final StopLevels stops;
  private final Atr atr;
  private boolean entry;
  private boolean exit;

  private BuiltInSignals(Parameters params, int unstableBars) {
    this.unstableBars = unstableBars;
    double lossAtr = params.has(STOP_LOSS_ATR) ? params.getDouble(STOP_LOSS_ATR) : Double.NaN;
    double gainAtr = params.has(TAKE_PROFIT_ATR) ? params.getDouble(TAKE_PROFIT_ATR) : Double.NaN;
    this.stops =
        new StopLevels(
            params.has(STOP_LOSS_PCT) ? params.getDouble(STOP_LOSS_PCT) : Double.NaN,
            params.has(TAKE_PROFIT_PCT) ? params.getDouble(TAKE_PROFIT_PCT) : Double.NaN,
            lossAtr,
            gainAtr);
    boolean atrStop = !Double.isNaN(lossAtr) || !Double.isNaN(gainAtr);
    this.atr = atrStop ? new Atr(params.getInt(ATR_PERIOD, DEFAULT_ATR_PERIOD)) : null;
  }

  /**
   * The kernel of a built-in template (recognised by its class, all of which are final), or null
   * for any other template.
   *
   * @param params valid parameters of {@code template}
   */
  static BuiltInSignals of(StrategyTemplate template, Parameters params) {
    return switch (template) {
      case BuyAndHoldTemplate t -> new BuyAndHold(params);
      case SmaCrossoverTemplate t -> MovingAverageCrossover.sma(params);
      case EmaCrossoverTemplate t -> MovingAverageCrossover.ema(params);
      case RsiReversionTemplate t -> new RsiReversion(params);
      case BollingerReversionTemplate t -> new Bollinger(params, false);
      case BollingerBreakoutTemplate t -> new Bollinger(params, true);
      case MacdTemplate t -> new Macd(params);
      case DonchianBreakoutTemplate t -> new DonchianBreakout(params);
      case MomentumTemplate t -> new Momentum(params);
      default -> null;
    };
  }

  @Override
  public final void add(OhlcvBar bar) {
    if (atr != null) {
      atr.add(bar.high(), bar.low(), bar.close());
    }
    update(bar);
  }

  /** Advances the template's indicators to {@code bar} and sets entry and exit. */
  abstract void update(OhlcvBar bar);

  final void set(boolean entry, boolean exit) {
    this.entry = entry;
    this.exit = exit;
  }

  @Override
  public final boolean entry() {
    return entry;
  }

  @Override
  public final boolean exit() {
    return exit;
  }

  @Override
  public final double atr() {
    return atr == null ? Double.NaN : atr.value();
  }

  @Override
  public final int unstableBars() {
    return unstableBars;
  }

  @Override
  public final StopLevels stopLevels() {
    return stops;
  }

  @Override
  public final boolean boundedCostPerBar() {
    return true;
  }

  /** {@link BuyAndHoldTemplate}: entry on every bar, never an exit, nothing unstable. */
  static final class BuyAndHold extends BuiltInSignals {

    BuyAndHold(Parameters params) {
      super(params, 0);
    }

    @Override
    void update(OhlcvBar bar) {
      set(true, false);
    }
  }

  /**
   * {@link SmaCrossoverTemplate} and {@link EmaCrossoverTemplate}: the fast average crossing the
   * slow one, {@code slow} unstable bars. The cross boundary is where both averages are defined:
   * {@code max(fast, slow) − 1} for SMAs, {@code max(fast, slow)} for EMAs.
   */
  static final class MovingAverageCrossover extends BuiltInSignals {

    private final Average fast;
    private final Average slow;
    private final Cross cross;

    private MovingAverageCrossover(
        Parameters params, Average fast, Average slow, int slowPeriod, int crossBoundary) {
      super(params, slowPeriod);
      this.fast = fast;
      this.slow = slow;
      this.cross = new Cross(crossBoundary);
    }

    static MovingAverageCrossover sma(Parameters params) {
      int f = params.getInt(SmaCrossoverTemplate.FAST);
      int s = params.getInt(SmaCrossoverTemplate.SLOW);
      return new MovingAverageCrossover(params, new Sma(f), new Sma(s), s, Math.max(f, s) - 1);
    }

    static MovingAverageCrossover ema(Parameters params) {
      int f = params.getInt(EmaCrossoverTemplate.FAST);
      int s = params.getInt(EmaCrossoverTemplate.SLOW);
      return new MovingAverageCrossover(
          params, Ema.exponential(f), Ema.exponential(s), s, Math.max(f, s));
    }

    @Override
    void update(OhlcvBar bar) {
      fast.add(bar.close());
      slow.add(bar.close());
      cross.add(fast.value(), slow.value());
      set(cross.up(), cross.down());
    }
  }

  /**
   * {@link RsiReversionTemplate}: RSI crossing up through {@code oversold} (entry) and through
   * {@code overbought} (exit), boundary and unstable bars {@code period}.
   */
  static final class RsiReversion extends BuiltInSignals {

    private final Rsi rsi;
    private final double oversold;
    private final double overbought;
    private final Cross throughOversold;
    private final Cross throughOverbought;

    RsiReversion(Parameters params) {
      super(params, params.getInt(RsiReversionTemplate.PERIOD));
      int period = params.getInt(RsiReversionTemplate.PERIOD);
      this.rsi = new Rsi(period);
      this.oversold = params.getInt(RsiReversionTemplate.OVERSOLD);
      this.overbought = params.getInt(RsiReversionTemplate.OVERBOUGHT);
      this.throughOversold = new Cross(period);
      this.throughOverbought = new Cross(period);
    }

    @Override
    void update(OhlcvBar bar) {
      rsi.add(bar.close());
      throughOversold.add(rsi.value(), oversold);
      throughOverbought.add(rsi.value(), overbought);
      set(throughOversold.up(), throughOverbought.up());
    }
  }

  /**
   * {@link BollingerReversionTemplate}: close crossing down through {@code sma − stddev × k}
   * (entry), up through the SMA (exit); {@link BollingerBreakoutTemplate}: close crossing up
   * through {@code sma + stddev × k} (entry), down through the SMA (exit). Boundary {@code period −
   * 1}, {@code period} unstable bars. The two templates name their parameters alike.
   */
  static final class Bollinger extends BuiltInSignals {

    private final boolean breakout;
    private final Sma middle;
    private final StandardDeviation deviation;
    private final double k;
    private final Cross band;
    private final Cross mean;

    Bollinger(Parameters params, boolean breakout) {
      super(params, params.getInt(BollingerBreakoutTemplate.PERIOD));
      int period = params.getInt(BollingerBreakoutTemplate.PERIOD);
      this.breakout = breakout;
      this.middle = new Sma(period);
      this.deviation = new StandardDeviation(middle);
      this.k = params.getDouble(BollingerBreakoutTemplate.K);
      this.band = new Cross(period - 1);
      this.mean = new Cross(period - 1);
    }

    @Override
    void update(OhlcvBar bar) {
      double close = bar.close();
      middle.add(close);
      deviation.update();
      double width = deviation.value() * k;
      band.add(close, breakout ? middle.value() + width : middle.value() - width);
      mean.add(close, middle.value());
      if (breakout) {
        set(band.up(), mean.down());
      } else {
        set(band.down(), mean.up());
      }
    }
  }

  /**
   * {@link MacdTemplate}: MACD line ({@code ema(fast) − ema(slow)}) crossing its signal line (EMA
   * of the line), boundary {@code max(fast, slow, signal)}, {@code slow + signal} unstable bars.
   */
  static final class Macd extends BuiltInSignals {

    private final Ema fast;
    private final Ema slow;
    private final Ema signalLine;
    private final Cross cross;

    Macd(Parameters params) {
      super(params, params.getInt(MacdTemplate.SLOW) + params.getInt(MacdTemplate.SIGNAL));
      int f = params.getInt(MacdTemplate.FAST);
      int s = params.getInt(MacdTemplate.SLOW);
      int signal = params.getInt(MacdTemplate.SIGNAL);
      this.fast = Ema.exponential(f);
      this.slow = Ema.exponential(s);
      this.signalLine = Ema.exponential(signal);
      this.cross = new Cross(Math.max(Math.max(f, s), signal));
    }

    @Override
    void update(OhlcvBar bar) {
      fast.add(bar.close());
      slow.add(bar.close());
      double line = fast.value() - slow.value();
      signalLine.add(line);
      cross.add(line, signalLine.value());
      set(cross.up(), cross.down());
    }
  }

  /**
   * {@link DonchianBreakoutTemplate}: close above the previous bar's {@code entry}-bar highest high
   * (entry), below its {@code exit}-bar lowest low (exit); nothing at bar 0; {@code max(entry,
   * exit)} unstable bars.
   */
  static final class DonchianBreakout extends BuiltInSignals {

    private final Extreme upper;
    private final Extreme lower;
    private boolean first = true;

    DonchianBreakout(Parameters params) {
      super(
          params,
          Math.max(
              params.getInt(DonchianBreakoutTemplate.ENTRY),
              params.getInt(DonchianBreakoutTemplate.EXIT)));
      this.upper = new Extreme(params.getInt(DonchianBreakoutTemplate.ENTRY), true);
      this.lower = new Extreme(params.getInt(DonchianBreakoutTemplate.EXIT), false);
    }

    @Override
    void update(OhlcvBar bar) {
      if (first) {
        set(false, false);
        first = false;
      } else {
        // upper and lower still hold the previous bar's channel.
        set(gt(bar.close(), upper.value()), lt(bar.close(), lower.value()));
      }
      upper.add(bar.high());
      lower.add(bar.low());
    }
  }

  /**
   * {@link MomentumTemplate}: entry while {@code roc(lookback) > 0} and the close is above {@code
   * sma(trend)}, exit on every other bar; {@code max(lookback, trend)} unstable bars.
   */
  static final class Momentum extends BuiltInSignals {

    private final Roc roc;
    private final Sma trend;

    Momentum(Parameters params) {
      super(
          params,
          Math.max(
              params.getInt(MomentumTemplate.LOOKBACK), params.getInt(MomentumTemplate.TREND)));
      this.roc = new Roc(params.getInt(MomentumTemplate.LOOKBACK));
      this.trend = new Sma(params.getInt(MomentumTemplate.TREND));
    }

    @Override
    void update(OhlcvBar bar) {
      double close = bar.close();
      roc.add(close);
      trend.add(close);
      boolean enter = gt(roc.value(), 0.0) && gt(close, trend.value());
      set(enter, !enter);
    }
  }
}

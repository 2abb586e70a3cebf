package io.backtest.engine.strategy;

import io.backtest.engine.indicator.IndicatorSet;
import java.util.Objects;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AverageTrueRangeStopGainRule;
import org.ta4j.core.rules.AverageTrueRangeStopLossRule;
import org.ta4j.core.rules.StopGainRule;
import org.ta4j.core.rules.StopLossRule;

/**
 * Base for strategy templates: holds id, description and space, validates before building, and adds
 * the optional stops (declared with {@link #withStops}) to both implementations.
 *
 * <p>Stops, all optional and off when absent: {@value #STOP_LOSS_PCT} / {@value #TAKE_PROFIT_PCT}
 * in percent of the entry price, or {@value #STOP_LOSS_ATR} / {@value #TAKE_PROFIT_ATR} in
 * multiples of the {@value #ATR_PERIOD}-bar ATR (default {@value #DEFAULT_ATR_PERIOD}); at most one
 * stop-loss kind and one take-profit kind. In the reference they are ta4j's {@code StopLossRule},
 * {@code StopGainRule}, {@code AverageTrueRangeStopLossRule} and {@code
 * AverageTrueRangeStopGainRule} on the close, OR-ed into the exit rule, so a stop exits like any
 * exit signal (next open by default); the array engine applies {@link Stops} with the same
 * comparisons.
 */
public abstract class AbstractStrategyTemplate implements StrategyTemplate {

  /** Stop-loss in percent of the entry fill price (DECIMAL, optional). */
  public static final String STOP_LOSS_PCT = "stopLossPct";

  /** Take-profit in percent of the entry fill price (DECIMAL, optional). */
  public static final String TAKE_PROFIT_PCT = "takeProfitPct";

  /** Stop-loss in multiples of the ATR (DECIMAL, optional). */
  public static final String STOP_LOSS_ATR = "stopLossAtr";

  /** Take-profit in multiples of the ATR (DECIMAL, optional). */
  public static final String TAKE_PROFIT_ATR = "takeProfitAtr";

  /** ATR period of the ATR stops (INT, optional, only with an ATR stop). */
  public static final String ATR_PERIOD = "atrPeriod";

  /** ATR period when an ATR stop is set without {@value #ATR_PERIOD}: Wilder's 14. */
  public static final int DEFAULT_ATR_PERIOD = 14;

  private final String id;
  private final String description;
  private final ParameterSpace space;

  protected AbstractStrategyTemplate(String id, String description, ParameterSpace space) {
    this.id = Objects.requireNonNull(id, "id");
    this.description = Objects.requireNonNull(description, "description");
    this.space = Objects.requireNonNull(space, "space");
  }

  /**
   * Adds the optional stop parameters to {@code builder}: {@value #STOP_LOSS_PCT} 0.5..20 step 0.5,
   * {@value #TAKE_PROFIT_PCT} 0.5..50 step 0.5, {@value #STOP_LOSS_ATR} 0.5..10 step 0.25, {@value
   * #TAKE_PROFIT_ATR} 0.5..20 step 0.25, {@value #ATR_PERIOD} 2..100, with their constraints.
   */
  protected static ParameterSpace.Builder withStops(ParameterSpace.Builder builder) {
    return builder
        .optionalDecimalRange(STOP_LOSS_PCT, "0.5", "20", "0.5")
        .optionalDecimalRange(TAKE_PROFIT_PCT, "0.5", "50", "0.5")
        .optionalDecimalRange(STOP_LOSS_ATR, "0.5", "10", "0.25")
        .optionalDecimalRange(TAKE_PROFIT_ATR, "0.5", "20", "0.25")
        .optionalRange(ATR_PERIOD, 2, 100, 1)
        .constraint(
            "at most one stop-loss: stopLossPct or stopLossAtr",
            p -> !(p.has(STOP_LOSS_PCT) && p.has(STOP_LOSS_ATR)))
        .constraint(
            "at most one take-profit: takeProfitPct or takeProfitAtr",
            p -> !(p.has(TAKE_PROFIT_PCT) && p.has(TAKE_PROFIT_ATR)))
        .constraint(
            "atrPeriod only with stopLossAtr or takeProfitAtr",
            p -> !p.has(ATR_PERIOD) || p.has(STOP_LOSS_ATR) || p.has(TAKE_PROFIT_ATR));
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final ParameterSpace space() {
    return space;
  }

  /** Entry rule, exit rule (without stops) and unstable bars of a reference strategy. */
  protected record Rules(Rule entry, Rule exit, int unstableBars) {}

  @Override
  public final Strategy build(BarSeries series, Parameters params) {
    Objects.requireNonNull(series, "series");
    validate(params);
    Rules rules = rules(series, params);
    Rule exit = rules.exit();
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    int atrPeriod = params.getInt(ATR_PERIOD, DEFAULT_ATR_PERIOD);
    if (params.has(STOP_LOSS_PCT)) {
      exit = exit.or(new StopLossRule(close, params.getDouble(STOP_LOSS_PCT)));
    }
    if (params.has(STOP_LOSS_ATR)) {
      exit =
          exit.or(
              new AverageTrueRangeStopLossRule(
                  series, close, atrPeriod, params.getDouble(STOP_LOSS_ATR)));
    }
    if (params.has(TAKE_PROFIT_PCT)) {
      exit = exit.or(new StopGainRule(close, params.getDouble(TAKE_PROFIT_PCT)));
    }
    if (params.has(TAKE_PROFIT_ATR)) {
      exit =
          exit.or(
              new AverageTrueRangeStopGainRule(
                  series, close, atrPeriod, params.getDouble(TAKE_PROFIT_ATR)));
    }
    return new BaseStrategy(strategyName(params), rules.entry(), exit, rules.unstableBars());
  }

  @Override
  public final Signals signals(IndicatorSet indicators, Parameters params) {
    Objects.requireNonNull(indicators, "indicators");
    validate(params);
    Signals signals = computeSignals(indicators, params);
    if (signals.size() != indicators.size()) {
      throw new IllegalStateException(
          id + " produced " + signals.size() + " signals for " + indicators.size() + " bars");
    }
    Stops stops = stops(indicators, params);
    return stops.any() ? signals.withStops(stops) : signals;
  }

  private static Stops stops(IndicatorSet indicators, Parameters params) {
    double lossAtr = params.has(STOP_LOSS_ATR) ? params.getDouble(STOP_LOSS_ATR) : Double.NaN;
    double gainAtr = params.has(TAKE_PROFIT_ATR) ? params.getDouble(TAKE_PROFIT_ATR) : Double.NaN;
    boolean atrStop = !Double.isNaN(lossAtr) || !Double.isNaN(gainAtr);
    return new Stops(
        params.has(STOP_LOSS_PCT) ? params.getDouble(STOP_LOSS_PCT) : Double.NaN,
        params.has(TAKE_PROFIT_PCT) ? params.getDouble(TAKE_PROFIT_PCT) : Double.NaN,
        lossAtr,
        gainAtr,
        atrStop ? indicators.atr(params.getInt(ATR_PERIOD, DEFAULT_ATR_PERIOD)) : null);
  }

  /** The reference rules for valid {@code params}, stops excluded. */
  protected abstract Rules rules(BarSeries series, Parameters params);

  /**
   * The array signals for valid {@code params}, stops excluded: entry/exit equal to {@link #rules}'
   * at every index, same unstable bars.
   */
  protected abstract Signals computeSignals(IndicatorSet indicators, Parameters params);

  /**
   * Reads {@code indicator} once in index order and returns it. ta4j's SMA ({@code
   * RunningTotalIndicator}) keeps a running sum when read in index order but re-sums the window
   * otherwise, so its last bits would depend on which indices the rules happen to ask for first;
   * read in order, it is the running sum {@link IndicatorSet#sma} documents, whatever the rules do
   * afterwards.
   */
  protected static <T extends Indicator<Num>> T primed(T indicator) {
    BarSeries series = indicator.getBarSeries();
    for (int i = series.getBeginIndex(); i <= series.getEndIndex(); i++) {
      indicator.getValue(i);
    }
    return indicator;
  }

  /** Strategy name used in logs and trading records: {@code id(fast=10, slow=50)}. */
  protected String strategyName(Parameters params) {
    return id + "(" + params + ")";
  }

  @Override
  public String toString() {
    return id;
  }
}

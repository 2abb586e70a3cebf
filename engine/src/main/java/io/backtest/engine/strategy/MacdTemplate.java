package io.backtest.engine.strategy;

import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * Long-only MACD (Appel): enter when the MACD line ({@code EMA(fast) − EMA(slow)} of the close)
 * crosses above its signal line ({@code EMA(signal)} of the MACD), exit when it crosses below.
 *
 * <p>Parameters: {@code fast} 6..20 step 2, {@code slow} 20..40 step 4, {@code signal} 5..13 step
 * 2, constraint {@code fast < slow} (235 points), plus the optional stops. The MACD line exists
 * from bar {@code slow} and its signal line needs {@code signal} more bars to settle, so the first
 * {@code slow + signal} bars are unstable.
 */
public final class MacdTemplate extends AbstractStrategyTemplate {

  /** Template id. */
  public static final String ID = "macd";

  public static final String FAST = "fast";
  public static final String SLOW = "slow";
  public static final String SIGNAL = "signal";

  public MacdTemplate() {
    super(
        ID,
        "Long when the MACD line crosses above its signal line; exit when it crosses below.",
        withStops(
                ParameterSpace.builder()
                    .range(FAST, 6, 20, 2)
                    .range(SLOW, 20, 40, 4)
                    .range(SIGNAL, 5, 13, 2)
                    .constraint("fast < slow", p -> p.getInt(FAST) < p.getInt(SLOW)))
            .build());
  }

  @Override
  protected Rules rules(BarSeries series, Parameters params) {
    int slow = params.getInt(SLOW);
    int signal = params.getInt(SIGNAL);
    MACDIndicator macd =
        new MACDIndicator(new ClosePriceIndicator(series), params.getInt(FAST), slow);
    EMAIndicator signalLine = new EMAIndicator(macd, signal);
    return new Rules(
        new CrossedUpIndicatorRule(macd, signalLine),
        new CrossedDownIndicatorRule(macd, signalLine),
        slow + signal);
  }

  @Override
  protected Signals computeSignals(IndicatorSet indicators, Parameters params) {
    int fast = params.getInt(FAST);
    int slow = params.getInt(SLOW);
    int signal = params.getInt(SIGNAL);
    double[] macd = indicators.macd(fast, slow);
    double[] signalLine = indicators.macdSignal(fast, slow, signal);
    // ta4j: MACD is unstable for max(fast, slow) bars, its signal EMA for `signal` bars.
    int boundary = Math.max(Math.max(fast, slow), signal);
    boolean[][] crosses = Crosses.crossings(macd, signalLine, boundary);
    return Signals.of(crosses[0], crosses[1], slow + signal);
  }
}

package io.backtest.engine.strategy;

import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * Long-only exponential moving-average crossover: enter when the fast EMA of the close crosses
 * above the slow EMA, exit when it crosses below.
 *
 * <p>Parameters: {@code fast} 2..50 step 2, {@code slow} 10..200 step 10, constraint {@code fast <
 * slow} (445 points), plus the optional stops. ta4j's EMA(n) is NaN for the first {@code n} bars
 * and starts from the close at bar {@code n}; the first {@code slow} bars are unstable.
 */
public final class EmaCrossoverTemplate extends AbstractStrategyTemplate {

  /** Template id. */
  public static final String ID = "ema-crossover";

  public static final String FAST = "fast";
  public static final String SLOW = "slow";

  public EmaCrossoverTemplate() {
    super(
        ID,
        "Long when the fast EMA of the close crosses above the slow EMA; exit when it crosses below.",
        SmaCrossoverTemplate.fastSlowSpace());
  }

  @Override
  protected Rules rules(BarSeries series, Parameters params) {
    int fast = params.getInt(FAST);
    int slow = params.getInt(SLOW);
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    EMAIndicator fastEma = new EMAIndicator(close, fast);
    EMAIndicator slowEma = new EMAIndicator(close, slow);
    return new Rules(
        new CrossedUpIndicatorRule(fastEma, slowEma),
        new CrossedDownIndicatorRule(fastEma, slowEma),
        slow);
  }

  @Override
  protected Signals computeSignals(IndicatorSet indicators, Parameters params) {
    int fast = params.getInt(FAST);
    int slow = params.getInt(SLOW);
    double[] fastEma = indicators.ema(fast);
    double[] slowEma = indicators.ema(slow);
    // ta4j: an EMA(n) is unstable for n bars.
    int boundary = Math.max(fast, slow);
    boolean[][] crosses = Crosses.crossings(fastEma, slowEma, boundary);
    return Signals.of(crosses[0], crosses[1], slow);
  }
}

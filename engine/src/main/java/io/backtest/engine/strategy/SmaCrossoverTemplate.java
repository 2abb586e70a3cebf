package io.backtest.engine.strategy;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * Long-only moving-average crossover: enter when the fast SMA of the close crosses above the slow
 * SMA, exit when it crosses below.
 *
 * <p>Parameters: {@code fast} 2..50 step 2, {@code slow} 10..200 step 10, constraint {@code fast <
 * slow}. The first {@code slow} bars are unstable (the slow SMA is not yet a full window there), so
 * no signal is taken before bar {@code slow}.
 */
public final class SmaCrossoverTemplate extends AbstractStrategyTemplate {

  /** Template id. */
  public static final String ID = "sma-crossover";

  public static final String FAST = "fast";
  public static final String SLOW = "slow";

  public SmaCrossoverTemplate() {
    super(
        ID,
        "Long when the fast SMA of the close crosses above the slow SMA; exit when it crosses below.",
        ParameterSpace.builder()
            .range(FAST, 2, 50, 2)
            .range(SLOW, 10, 200, 10)
            .constraint("fast < slow", p -> p.get(FAST) < p.get(SLOW))
            .build());
  }

  @Override
  protected Strategy create(BarSeries series, Parameters params) {
    int fast = params.get(FAST);
    int slow = params.get(SLOW);
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    SMAIndicator fastSma = new SMAIndicator(close, fast);
    SMAIndicator slowSma = new SMAIndicator(close, slow);
    return new BaseStrategy(
        strategyName(params),
        new CrossedUpIndicatorRule(fastSma, slowSma),
        new CrossedDownIndicatorRule(fastSma, slowSma),
        slow);
  }
}

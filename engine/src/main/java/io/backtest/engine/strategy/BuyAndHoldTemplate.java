package io.backtest.engine.strategy;

import io.backtest.engine.indicator.IndicatorSet;
import java.util.Arrays;
import org.ta4j.core.BarSeries;
import org.ta4j.core.rules.BooleanRule;

/**
 * The baseline: buy on the first bar's signal and hold to the end. No parameters (its grid is the
 * one empty parameter set) and no stops: it is the benchmark every other template must beat.
 */
public final class BuyAndHoldTemplate extends AbstractStrategyTemplate {

  /** Template id. */
  public static final String ID = "buy-and-hold";

  public BuyAndHoldTemplate() {
    super(
        ID,
        "Long from the first bar to the end: the baseline to beat.",
        ParameterSpace.builder().build());
  }

  @Override
  protected Rules rules(BarSeries series, Parameters params) {
    return new Rules(BooleanRule.TRUE, BooleanRule.FALSE, 0);
  }

  @Override
  protected Signals computeSignals(IndicatorSet indicators, Parameters params) {
    boolean[] entry = new boolean[indicators.size()];
    Arrays.fill(entry, true);
    return Signals.of(entry, new boolean[indicators.size()], 0);
  }
}

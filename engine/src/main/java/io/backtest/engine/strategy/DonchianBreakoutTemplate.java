package io.backtest.engine.strategy;

import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * Long-only Donchian channel breakout (the Turtle rule): enter when the close is above the highest
 * high of the previous {@code entry} bars, exit when it is below the lowest low of the previous
 * {@code exit} bars. Both are levels, not crosses: the entry holds on every bar of a breakout.
 *
 * <p>Parameters: {@code entry} 10..100 step 5, {@code exit} 5..50 step 5, constraint {@code exit <=
 * entry} (154 points), plus the optional stops. The first {@code entry} bars are unstable (the
 * previous-{@code entry}-bar window is not full before).
 */
public final class DonchianBreakoutTemplate extends AbstractStrategyTemplate {

  /** Template id. */
  public static final String ID = "donchian-breakout";

  public static final String ENTRY = "entry";
  public static final String EXIT = "exit";

  public DonchianBreakoutTemplate() {
    super(
        ID,
        "Long when the close breaks above the previous N-bar high; exit when it breaks below the"
            + " previous M-bar low.",
        withStops(
                ParameterSpace.builder()
                    .range(ENTRY, 10, 100, 5)
                    .range(EXIT, 5, 50, 5)
                    .constraint("exit <= entry", p -> p.getInt(EXIT) <= p.getInt(ENTRY)))
            .build());
  }

  @Override
  protected Rules rules(BarSeries series, Parameters params) {
    int entry = params.getInt(ENTRY);
    int exit = params.getInt(EXIT);
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    return new Rules(
        new OverIndicatorRule(
            close, new PreviousValueIndicator(new DonchianChannelUpperIndicator(series, entry))),
        new UnderIndicatorRule(
            close, new PreviousValueIndicator(new DonchianChannelLowerIndicator(series, exit))),
        Math.max(entry, exit));
  }

  @Override
  protected Signals computeSignals(IndicatorSet indicators, Parameters params) {
    int entry = params.getInt(ENTRY);
    int exit = params.getInt(EXIT);
    double[] close = indicators.close();
    double[] upper = indicators.highestHigh(entry);
    double[] lower = indicators.lowestLow(exit);
    boolean[] enter = new boolean[close.length];
    boolean[] leave = new boolean[close.length];
    // Bar 0 has no previous bar: ta4j's PreviousValueIndicator is NaN there, and no comparison
    // holds.
    for (int i = 1; i < close.length; i++) {
      enter[i] = Crosses.gt(close[i], upper[i - 1]);
      leave[i] = Crosses.lt(close[i], lower[i - 1]);
    }
    return Signals.of(enter, leave, Math.max(entry, exit));
  }
}

package io.backtest.engine.strategy;

import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.OverIndicatorRule;

/**
 * Long-only time-series momentum with a trend filter: long while the {@code lookback}-bar rate of
 * change of the close is positive and the close is above its {@code trend}-bar SMA; exit on the
 * first bar where either fails ({@code ROC <= 0} or {@code close <= SMA}). Levels, not crosses.
 *
 * <p>Parameters: {@code lookback} 5..60 step 5, {@code trend} 20..200 step 20 (120 points), plus
 * the optional stops. The first {@code max(lookback, trend)} bars are unstable.
 */
public final class MomentumTemplate extends AbstractStrategyTemplate {

  /** Template id. */
  public static final String ID = "momentum";

  public static final String LOOKBACK = "lookback";
  public static final String TREND = "trend";

  public MomentumTemplate() {
    super(
        ID,
        "Long while the rate of change is positive and the close is above its trend SMA; exit when"
            + " either fails.",
        withStops(ParameterSpace.builder().range(LOOKBACK, 5, 60, 5).range(TREND, 20, 200, 20))
            .build());
  }

  @Override
  protected Rules rules(BarSeries series, Parameters params) {
    int lookback = params.getInt(LOOKBACK);
    int trend = params.getInt(TREND);
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    Rule entry =
        new OverIndicatorRule(new ROCIndicator(close, lookback), 0)
            .and(new OverIndicatorRule(close, primed(new SMAIndicator(close, trend))));
    return new Rules(entry, entry.negation(), Math.max(lookback, trend));
  }

  @Override
  protected Signals computeSignals(IndicatorSet indicators, Parameters params) {
    int lookback = params.getInt(LOOKBACK);
    int trend = params.getInt(TREND);
    double[] close = indicators.close();
    double[] roc = indicators.roc(lookback);
    double[] sma = indicators.sma(trend);
    boolean[] enter = new boolean[close.length];
    boolean[] leave = new boolean[close.length];
    for (int i = 0; i < close.length; i++) {
      enter[i] = Crosses.gt(roc[i], 0.0) && Crosses.gt(close[i], sma[i]);
      leave[i] = !enter[i];
    }
    return Signals.of(enter, leave, Math.max(lookback, trend));
  }
}

package io.backtest.engine.strategy;

import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * Long-only RSI mean reversion: enter when the RSI of the close crosses up through {@code oversold}
 * (leaving the oversold zone), exit when it crosses up through {@code overbought} (entering the
 * overbought zone, i.e. taking the rebound).
 *
 * <p>Parameters: {@code period} 4..28 step 2, {@code oversold} 10..40 step 5, {@code overbought}
 * 60..90 step 5 (637 points), plus the optional stops. ta4j's RSI(n) is NaN for the first {@code n}
 * bars, which are unstable. A position can stay open long when the RSI never reaches {@code
 * overbought}: combine with a stop to bound it.
 */
public final class RsiReversionTemplate extends AbstractStrategyTemplate {

  /** Template id. */
  public static final String ID = "rsi-reversion";

  public static final String PERIOD = "period";
  public static final String OVERSOLD = "oversold";
  public static final String OVERBOUGHT = "overbought";

  public RsiReversionTemplate() {
    super(
        ID,
        "Long when the RSI crosses up through the oversold level; exit when it crosses up through"
            + " the overbought level.",
        withStops(
                ParameterSpace.builder()
                    .range(PERIOD, 4, 28, 2)
                    .range(OVERSOLD, 10, 40, 5)
                    .range(OVERBOUGHT, 60, 90, 5))
            .build());
  }

  @Override
  protected Rules rules(BarSeries series, Parameters params) {
    int period = params.getInt(PERIOD);
    RSIIndicator rsi = new RSIIndicator(new ClosePriceIndicator(series), period);
    return new Rules(
        new CrossedUpIndicatorRule(rsi, params.getInt(OVERSOLD)),
        new CrossedUpIndicatorRule(rsi, params.getInt(OVERBOUGHT)),
        period);
  }

  @Override
  protected Signals computeSignals(IndicatorSet indicators, Parameters params) {
    int period = params.getInt(PERIOD);
    double[] rsi = indicators.rsi(period);
    // ta4j: RSI(n) is unstable for n bars, a constant for none.
    return Signals.of(
        Crosses.crossedUp(rsi, params.getInt(OVERSOLD), period),
        Crosses.crossedUp(rsi, params.getInt(OVERBOUGHT), period),
        period);
  }
}

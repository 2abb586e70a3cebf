package io.backtest.engine.strategy;

import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * Long-only Bollinger-band breakout: enter when the close crosses up through the upper band ({@code
 * SMA(period) + k × stddev(period)}), exit when it crosses back down through the middle band (the
 * SMA). The trend-following twin of {@link BollingerReversionTemplate}.
 *
 * <p>Parameters: {@code period} 10..60 step 2, {@code k} (DECIMAL) 1.0..3.0 step 0.25 (234 points),
 * plus the optional stops. The first {@code period} bars are unstable.
 */
public final class BollingerBreakoutTemplate extends AbstractStrategyTemplate {

  /** Template id. */
  public static final String ID = "bollinger-breakout";

  public static final String PERIOD = "period";
  public static final String K = "k";

  public BollingerBreakoutTemplate() {
    super(
        ID,
        "Long when the close crosses up through the upper Bollinger band; exit when it crosses"
            + " down through the middle band.",
        withStops(
                ParameterSpace.builder()
                    .range(PERIOD, 10, 60, 2)
                    .decimalRange(K, "1.0", "3.0", "0.25"))
            .build());
  }

  @Override
  protected Rules rules(BarSeries series, Parameters params) {
    int period = params.getInt(PERIOD);
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    BollingerBandsMiddleIndicator middle =
        new BollingerBandsMiddleIndicator(primed(new SMAIndicator(close, period)));
    StandardDeviationIndicator deviation = primed(new StandardDeviationIndicator(close, period));
    BollingerBandsUpperIndicator upper =
        new BollingerBandsUpperIndicator(
            middle, deviation, series.numFactory().numOf(params.getDouble(K)));
    return new Rules(
        new CrossedUpIndicatorRule(close, upper),
        new CrossedDownIndicatorRule(close, middle),
        period);
  }

  @Override
  protected Signals computeSignals(IndicatorSet indicators, Parameters params) {
    int period = params.getInt(PERIOD);
    double[] close = indicators.close();
    // ta4j: the bands (SMA and standard deviation) are unstable for period − 1 bars.
    int boundary = period - 1;
    return Signals.of(
        Crosses.crossedUp(close, indicators.bollingerUpper(period, params.getDouble(K)), boundary),
        Crosses.crossedDown(close, indicators.sma(period), boundary),
        period);
  }
}

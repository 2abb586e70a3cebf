package io.backtest.engine.strategy;

import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * Long-only moving-average crossover: enter when the fast SMA of the close crosses above the slow
 * SMA, exit when it crosses below.
 *
 * <p>Parameters: {@code fast} 2..50 step 2, {@code slow} 10..200 step 10, constraint {@code fast <
 * slow} (445 points), plus the optional stops. The first {@code slow} bars are unstable (the slow
 * SMA is not yet a full window there), so no signal is taken before bar {@code slow}.
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
        fastSlowSpace());
  }

  /**
   * {@code fast} 2..50 step 2, {@code slow} 10..200 step 10, {@code fast < slow}, plus the stops:
   * the space of both moving-average crossovers.
   */
  static ParameterSpace fastSlowSpace() {
    return withStops(
            ParameterSpace.builder()
                .range(FAST, 2, 50, 2)
                .range(SLOW, 10, 200, 10)
                .constraint("fast < slow", p -> p.getInt(FAST) < p.getInt(SLOW)))
        .build();
  }

  @Override
  protected Rules rules(BarSeries series, Parameters params) {
    int fast = params.getInt(FAST);
    int slow = params.getInt(SLOW);
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    SMAIndicator fastSma = primed(new SMAIndicator(close, fast));
    SMAIndicator slowSma = primed(new SMAIndicator(close, slow));
    return new Rules(
        new CrossedUpIndicatorRule(fastSma, slowSma),
        new CrossedDownIndicatorRule(fastSma, slowSma),
        slow);
  }

  @Override
  protected Signals computeSignals(IndicatorSet indicators, Parameters params) {
    int fast = params.getInt(FAST);
    int slow = params.getInt(SLOW);
    double[] fastSma = indicators.sma(fast);
    double[] slowSma = indicators.sma(slow);
    // ta4j: an SMA(n) is unstable for n − 1 bars; the cross looks no further back than the larger.
    int boundary = Math.max(fast, slow) - 1;
    boolean[][] crosses = Crosses.crossings(fastSma, slowSma, boundary);
    return Signals.of(crosses[0], crosses[1], slow);
  }
}

package io.backtest.engine.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNumFactory;

/** Builds ta4j {@link BarSeries} from {@link OhlcvBar}s, backed by {@code double} numbers. */
public final class BarSeriesFactory {

  private BarSeriesFactory() {}

  /**
   * Builds a series whose bar {@code k} begins at {@code bars.get(k).time()} and lasts {@code
   * barDuration}.
   *
   * <p>Uses {@link DoubleNumFactory}: backtests evaluate thousands of candidates, and {@code
   * double} is an order of magnitude faster than {@code DecimalNum} while its rounding is far below
   * price precision.
   *
   * @throws IllegalArgumentException if {@code barDuration} is not positive or bar times are not
   *     strictly increasing
   */
  public static BarSeries toSeries(String name, List<OhlcvBar> bars, Duration barDuration) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bars, "bars");
    Objects.requireNonNull(barDuration, "barDuration");
    if (barDuration.isNegative() || barDuration.isZero()) {
      throw new IllegalArgumentException("barDuration must be positive but was " + barDuration);
    }
    BarSeries series =
        new BaseBarSeriesBuilder()
            .withName(name)
            .withNumFactory(DoubleNumFactory.getInstance())
            .build();
    Instant previous = null;
    for (int k = 0; k < bars.size(); k++) {
      OhlcvBar bar = bars.get(k);
      // ta4j also refuses out-of-order bars, but without saying which one.
      if (previous != null && !bar.time().isAfter(previous)) {
        throw new IllegalArgumentException(
            "bar " + k + " at " + bar.time() + " is not after bar " + (k - 1) + " at " + previous);
      }
      previous = bar.time();
      series
          .barBuilder()
          .timePeriod(barDuration)
          .beginTime(bar.time())
          .endTime(bar.time().plus(barDuration))
          .openPrice(bar.open())
          .highPrice(bar.high())
          .lowPrice(bar.low())
          .closePrice(bar.close())
          .volume(bar.volume())
          .add();
    }
    return series;
  }
}

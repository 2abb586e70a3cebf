package io.backtest.engine.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.BarSeries;

/**
 * Immutable columnar OHLCV bars: one primitive array per field, for the array backtest engine.
 *
 * <p>Bar {@code k} opens at {@code openTimes()[k]} (epoch seconds) and lasts {@link
 * #barDuration()}. The accessors return the internal arrays without copying, so the hot path reads
 * them directly: callers must treat them as read-only (nothing in the engine writes them).
 *
 * <p>Built from {@link OhlcvBar}s with the same checks the backtesters need: times strictly
 * increasing and whole seconds, open/high/low/close finite and {@code > 0}, volume finite.
 */
public final class BarArrays {

  private final String name;
  private final Duration barDuration;
  private final long[] openTimes;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final double[] volume;

  private BarArrays(String name, Duration barDuration, int size) {
    this.name = name;
    this.barDuration = barDuration;
    this.openTimes = new long[size];
    this.open = new double[size];
    this.high = new double[size];
    this.low = new double[size];
    this.close = new double[size];
    this.volume = new double[size];
  }

  /**
   * Columnar copy of {@code bars}.
   *
   * @throws IllegalArgumentException if there are no bars, {@code barDuration} is not positive, a
   *     time is not after the previous one or has a fraction of a second, a price is not finite and
   *     positive, or a volume is not finite
   */
  public static BarArrays of(String name, List<OhlcvBar> bars, Duration barDuration) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bars, "bars");
    Objects.requireNonNull(barDuration, "barDuration");
    if (barDuration.isNegative() || barDuration.isZero()) {
      throw new IllegalArgumentException("barDuration must be positive but was " + barDuration);
    }
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("series '" + name + "' has no bars");
    }
    BarArrays arrays = new BarArrays(name, barDuration, bars.size());
    for (int k = 0; k < bars.size(); k++) {
      OhlcvBar bar = bars.get(k);
      Instant time = bar.time();
      if (time.getNano() != 0) {
        throw new IllegalArgumentException(
            "bar " + k + " at " + time + " has a fraction of a second; whole seconds expected");
      }
      if (k > 0 && time.getEpochSecond() <= arrays.openTimes[k - 1]) {
        throw new IllegalArgumentException(
            "bar "
                + k
                + " at "
                + time
                + " is not after bar "
                + (k - 1)
                + " at "
                + Instant.ofEpochSecond(arrays.openTimes[k - 1]));
      }
      arrays.openTimes[k] = time.getEpochSecond();
      arrays.open[k] = price(bar.open(), "open", k);
      arrays.high[k] = price(bar.high(), "high", k);
      arrays.low[k] = price(bar.low(), "low", k);
      arrays.close[k] = price(bar.close(), "close", k);
      if (!Double.isFinite(bar.volume())) {
        throw new IllegalArgumentException("bar " + k + " has volume " + bar.volume());
      }
      arrays.volume[k] = bar.volume();
    }
    return arrays;
  }

  private static double price(double value, String field, int index) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "bar " + index + " has " + field + " " + value + "; prices must be finite and > 0");
    }
    return value;
  }

  /** The bars back as records, e.g. to hand them to {@link BarSeriesFactory}. */
  public List<OhlcvBar> toBars() {
    List<OhlcvBar> bars = new ArrayList<>(size());
    for (int k = 0; k < size(); k++) {
      bars.add(
          new OhlcvBar(
              Instant.ofEpochSecond(openTimes[k]), open[k], high[k], low[k], close[k], volume[k]));
    }
    return bars;
  }

  /**
   * A ta4j series of the same bars ({@code DoubleNum}, via {@link BarSeriesFactory}): the input of
   * the reference backtester. A new series per call, as ta4j strategies cache values on theirs.
   */
  public BarSeries toSeries() {
    return BarSeriesFactory.toSeries(name, toBars(), barDuration);
  }

  /** Series name, e.g. the dataset id. */
  public String name() {
    return name;
  }

  /** Number of bars. */
  public int size() {
    return close.length;
  }

  /** How long each bar lasts; bar {@code k} ends at its open time plus this. */
  public Duration barDuration() {
    return barDuration;
  }

  /** Bar {@code k}'s open time. */
  public Instant openTime(int k) {
    return Instant.ofEpochSecond(openTimes[k]);
  }

  /** Bar {@code k}'s end time (open time + bar duration), as ta4j's {@code Bar#getEndTime()}. */
  public Instant closeTime(int k) {
    return Instant.ofEpochSecond(openTimes[k]).plus(barDuration);
  }

  /** Open times in epoch seconds. Internal array: read-only. */
  public long[] openTimes() {
    return openTimes;
  }

  /** Opens. Internal array: read-only. */
  public double[] open() {
    return open;
  }

  /** Highs. Internal array: read-only. */
  public double[] high() {
    return high;
  }

  /** Lows. Internal array: read-only. */
  public double[] low() {
    return low;
  }

  /** Closes. Internal array: read-only. */
  public double[] close() {
    return close;
  }

  /** Volumes. Internal array: read-only. */
  public double[] volume() {
    return volume;
  }

  @Override
  public String toString() {
    return "BarArrays[" + name + ", " + size() + " bars of " + barDuration + "]";
  }
}

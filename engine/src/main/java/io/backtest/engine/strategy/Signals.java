package io.backtest.engine.strategy;

import java.util.Objects;

/**
 * A strategy's decisions at every bar of a full series, for the array backtest engine: what its
 * ta4j reference strategy's entry and exit rules answer at each index (before the unstable-bar
 * gate), how many leading bars are unstable, and its stops.
 *
 * <p>The arrays are shared, not copied: read-only once built.
 *
 * @param entry {@code entry[i]}: the entry rule is satisfied at bar {@code i}
 * @param exit {@code exit[i]}: the exit rule (without stops) is satisfied at bar {@code i}
 * @param unstableBars no signal is taken on a bar with a smaller full-series index, as ta4j's
 *     {@code BaseStrategy#isUnstableAt}
 * @param stops stop-loss and take-profit levels, evaluated against the open position in the loop
 */
public record Signals(boolean[] entry, boolean[] exit, int unstableBars, Stops stops) {

  public Signals {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(exit, "exit");
    Objects.requireNonNull(stops, "stops");
    if (entry.length != exit.length) {
      throw new IllegalArgumentException(
          "entry and exit differ in length: " + entry.length + " vs " + exit.length);
    }
    if (unstableBars < 0) {
      throw new IllegalArgumentException("unstableBars must be >= 0 but was " + unstableBars);
    }
  }

  /** Signals without stops. */
  public static Signals of(boolean[] entry, boolean[] exit, int unstableBars) {
    return new Signals(entry, exit, unstableBars, Stops.NONE);
  }

  /** These signals with {@code stops}. */
  public Signals withStops(Stops stops) {
    return new Signals(entry, exit, unstableBars, stops);
  }

  /** Number of bars covered. */
  public int size() {
    return entry.length;
  }
}

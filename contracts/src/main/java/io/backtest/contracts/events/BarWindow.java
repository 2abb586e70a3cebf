package io.backtest.contracts.events;

import java.time.Instant;

/**
 * A half-open range of a dataset's bars.
 *
 * @param fromIndex first bar, 0-based
 * @param toIndex end of the range (exclusive)
 * @param fromTime open time of the first bar
 * @param toTime open time of the last bar of the range
 */
public record BarWindow(int fromIndex, int toIndex, Instant fromTime, Instant toTime) {

  public BarWindow {
    Checks.atLeast(fromIndex, 0, "fromIndex");
    Checks.atLeast(toIndex, fromIndex + 1, "toIndex");
    Checks.present(fromTime, "fromTime");
    Checks.present(toTime, "toTime");
  }
}

package io.backtest.engine.walkforward;

/**
 * The bar ranges of one walk-forward fold, half-open {@code [from, to)} indices into the series.
 *
 * @param index fold number from 0
 * @param inSampleFrom first in-sample bar
 * @param inSampleTo end of the in-sample window (exclusive), equal to {@code outOfSampleFrom}
 * @param outOfSampleFrom first out-of-sample bar
 * @param outOfSampleTo end of the out-of-sample window (exclusive)
 */
public record FoldWindow(
    int index, int inSampleFrom, int inSampleTo, int outOfSampleFrom, int outOfSampleTo) {

  public FoldWindow {
    if (index < 0
        || inSampleFrom < 0
        || inSampleTo <= inSampleFrom
        || outOfSampleFrom < inSampleTo
        || outOfSampleTo <= outOfSampleFrom) {
      throw new IllegalArgumentException(
          "inconsistent fold "
              + index
              + ": in-sample ["
              + inSampleFrom
              + ", "
              + inSampleTo
              + "), out-of-sample ["
              + outOfSampleFrom
              + ", "
              + outOfSampleTo
              + ")");
    }
  }

  public int inSampleBars() {
    return inSampleTo - inSampleFrom;
  }

  public int outOfSampleBars() {
    return outOfSampleTo - outOfSampleFrom;
  }
}

package io.backtest.scoring.domain;

import java.util.UUID;

/**
 * A stored return series as the cycle's statistics read it (a projection: not managed, so that a
 * cycle's few hundred series are neither snapshotted nor dirty-checked).
 *
 * @param backtestId the backtest
 * @param strategyId its strategy
 * @param barsPerYear bars in one year of its dataset
 * @param barsPerPoint bars compounded into each point
 * @param alignment what makes two series comparable point by point
 * @param returns the points, in time order
 */
public record SeriesPoints(
    UUID backtestId,
    UUID strategyId,
    double barsPerYear,
    int barsPerPoint,
    String alignment,
    double[] returns) {

  /** Points in one year: {@code barsPerYear / barsPerPoint}. */
  public double pointsPerYear() {
    return barsPerYear / barsPerPoint;
  }
}

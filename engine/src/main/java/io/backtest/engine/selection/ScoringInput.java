package io.backtest.engine.selection;

import java.util.Objects;
import java.util.UUID;

/**
 * One candidate's result as scoring reads it.
 *
 * @param strategyId the candidate
 * @param returns its stitched out-of-sample returns (per point)
 * @param pointsPerYear points per year
 * @param barsPerPoint dataset bars per point
 * @param alignment what makes two return series comparable point by point: equal text means same
 *     dataset, same first bar and same points (e.g. {@code <sha256>:<fromIndex>:<barsPerPoint>})
 * @param tradeCount trades taken
 * @param profitFactor gross profit over gross loss
 * @param winRate share of winning trades
 * @param trials parameter sets its walk-forward analysis tried (1 without one)
 * @param foldConsistency share of profitable out-of-sample folds; null without walk-forward
 * @param efficiency walk-forward efficiency; null when undefined
 */
public record ScoringInput(
    UUID strategyId,
    double[] returns,
    double pointsPerYear,
    int barsPerPoint,
    String alignment,
    int tradeCount,
    double profitFactor,
    double winRate,
    int trials,
    Double foldConsistency,
    Double efficiency) {

  public ScoringInput {
    Objects.requireNonNull(strategyId, "strategyId");
    Objects.requireNonNull(returns, "returns");
    Objects.requireNonNull(alignment, "alignment");
    if (!(pointsPerYear > 0)) {
      throw new IllegalArgumentException("pointsPerYear must be > 0 but was " + pointsPerYear);
    }
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1 but was " + trials);
    }
  }
}

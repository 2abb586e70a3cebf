package io.backtest.engine.selection;

import java.util.Objects;
import java.util.UUID;

/**
 * A live strategy's out-of-sample returns, for correlation with candidates.
 *
 * @param strategyId the live strategy
 * @param returns its returns
 * @param alignment as in {@link ScoringInput#alignment()}
 */
public record LiveReturns(UUID strategyId, double[] returns, String alignment) {
  public LiveReturns {
    Objects.requireNonNull(strategyId, "strategyId");
    Objects.requireNonNull(returns, "returns");
    Objects.requireNonNull(alignment, "alignment");
  }
}

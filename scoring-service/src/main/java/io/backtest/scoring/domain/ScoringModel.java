package io.backtest.scoring.domain;

import io.backtest.contracts.events.BacktestMetrics;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns one backtest's metrics into the number a cycle's candidates are ranked by (higher is
 * better). The platform's current model is {@link DrawdownAdjustedSharpe}; statistics that need the
 * whole cycle (Deflated Sharpe, PBO, correlation) will come as further implementations.
 */
public interface ScoringModel {

  /** Decimals a score is rounded to, so that noise below them cannot reorder a ranking. */
  int DECIMALS = 4;

  /** The score of a backtest's metrics, rounded to {@link #DECIMALS} decimals. */
  double score(BacktestMetrics metrics);

  /** The formula in words, as the API shows it next to a score. */
  String formula();

  /**
   * Rounds half up to {@link #DECIMALS} decimals on the value's shortest decimal form (so 0.33335
   * gives 0.3334, where scaling the binary double by 10⁴ would give 0.3333), and never returns
   * -0.0.
   */
  static double round(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("score must be finite but was " + value);
    }
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue() + 0.0;
  }
}

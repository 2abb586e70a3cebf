package io.backtest.engine.selection;

/**
 * Trials on one instrument, summed over cycles: what the trial ledger keeps so that a deflated
 * Sharpe ratio accounts for every parameter set ever tried there, not only this cycle's.
 *
 * @param trials parameter sets tried
 * @param sharpes Sharpe ratios observed (one per scored candidate)
 * @param sharpeSum their sum (annualised)
 * @param sharpeSquares the sum of their squares
 */
public record TrialHistory(long trials, long sharpes, double sharpeSum, double sharpeSquares) {

  /** Nothing tried yet. */
  public static final TrialHistory NONE = new TrialHistory(0, 0, 0, 0);

  public TrialHistory {
    if (trials < 0 || sharpes < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }

  /** Both histories together. */
  public TrialHistory plus(TrialHistory other) {
    return new TrialHistory(
        trials + other.trials,
        sharpes + other.sharpes,
        sharpeSum + other.sharpeSum,
        sharpeSquares + other.sharpeSquares);
  }

  /** Sample variance of the Sharpe ratios; 0 with fewer than two. */
  public double sharpeVariance() {
    if (sharpes < 2) {
      return 0;
    }
    double variance = (sharpeSquares - sharpeSum * sharpeSum / sharpes) / (sharpes - 1);
    return Math.max(0, variance);
  }
}

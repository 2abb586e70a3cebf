package io.backtest.scoring.domain;

/** What became of one candidate's backtest. */
public enum Outcome {
  /** The backtest completed and was scored. */
  SCORED,
  /** The backtest could not be evaluated. */
  FAILED
}

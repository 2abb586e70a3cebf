package io.backtest.scoring.domain;

/** Where a cycle is in scoring. */
public enum CycleStatus {
  /** Results are coming in. */
  SCORING,
  /** Every expected result is in (scored or failed); {@code cycle.scored} was emitted. */
  SCORED,
  /**
   * Results stopped arriving for longer than the timeout; {@code cycle.scored} was emitted with the
   * missing ones counted as failed.
   */
  TIMED_OUT
}

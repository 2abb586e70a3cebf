package io.backtest.scoring.domain;

/**
 * Where a cycle is: {@code SCORING}, then {@code SCORED} or {@code TIMED_OUT} once {@code
 * cycle.scored} was emitted, then {@code COMPLETED} once {@code cycle.completed} recorded the
 * promotion decision.
 */
public enum CycleStatus {
  /** Results are coming in. */
  SCORING,
  /** Every expected result is in (scored or failed); {@code cycle.scored} was emitted. */
  SCORED,
  /**
   * Results stopped arriving for longer than the timeout; {@code cycle.scored} was emitted with the
   * missing ones counted as failed.
   */
  TIMED_OUT,
  /**
   * {@code cycle.completed} recorded the promotion decision on the cycle: which strategies it
   * promoted and demoted. Final; nothing about the cycle changes any more.
   */
  COMPLETED
}

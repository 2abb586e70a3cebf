package io.backtest.monitoring.domain;

/** What a promotion or demotion event did to a deployment. */
public enum Transition {
  /** A promotion started watching a strategy not seen before. */
  WATCHING,
  /** A promotion newer than the current one replaced it (a later cycle selected it again). */
  REPROMOTED,
  /** A promotion newer than the stop put a stopped strategy back under watch. */
  REVIVED,
  /**
   * A promotion older than the stop that was received first: its details are recorded, the strategy
   * stays stopped.
   */
  PROMOTION_RECORDED_WHILE_STOPPED,
  /** A demotion stopped a watched strategy. */
  STOPPED,
  /** A demotion arrived before any promotion of the strategy; it is recorded as stopped. */
  STOPPED_BEFORE_PROMOTION,
  /** The event is older than the state it would change (or repeats it): nothing changed. */
  STALE_IGNORED
}

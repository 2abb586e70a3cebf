package io.backtest.strategy.domain;

/** Where a market replay stands. */
public enum ReplayStatus {
  /** Publishing. */
  RUNNING,
  /** Every bar was published and acknowledged. */
  COMPLETED,
  /** Stopped on request; the bars up to {@code lastBarTime} were published. */
  STOPPED,
  /** Publishing failed, or the instance running it stopped; see the error. */
  FAILED
}

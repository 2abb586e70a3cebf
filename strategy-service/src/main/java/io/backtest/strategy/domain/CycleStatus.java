package io.backtest.strategy.domain;

/** Where a cycle is: backtesting and waiting for its ranking, or decided. */
public enum CycleStatus {
  /** Candidates are being backtested and scored. */
  RUNNING,
  /** The promotion gate has decided. */
  COMPLETED,
  /** Every backtest failed; nothing could be decided. */
  FAILED
}

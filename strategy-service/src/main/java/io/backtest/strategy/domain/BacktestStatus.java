package io.backtest.strategy.domain;

/** The state of one backtest run. */
public enum BacktestStatus {
  /** Waiting for a worker. */
  REQUESTED,
  /** Evaluated; metrics are stored. */
  COMPLETED,
  /** Could not be evaluated; the error is stored. */
  FAILED
}

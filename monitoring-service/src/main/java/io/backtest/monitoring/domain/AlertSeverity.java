package io.backtest.monitoring.domain;

/** How urgent an alert is. */
public enum AlertSeverity {
  /** For the record: e.g. a regime change on a live strategy's market. */
  INFO,
  /** Worth a look. */
  WARNING,
  /** Needs action: e.g. a live strategy drifted from its promise. */
  CRITICAL
}

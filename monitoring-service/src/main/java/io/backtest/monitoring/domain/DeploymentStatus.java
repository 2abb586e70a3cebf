package io.backtest.monitoring.domain;

/** Whether a deployed strategy is being watched. */
public enum DeploymentStatus {
  /** Promoted and live: its behaviour is compared with its baseline. */
  WATCHING,
  /** Demoted: no longer live. */
  STOPPED
}

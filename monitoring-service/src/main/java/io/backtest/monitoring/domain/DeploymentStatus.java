package io.backtest.monitoring.domain;

/** Whether a deployed strategy is being watched. */
public enum DeploymentStatus {
  /** Promoted and live: paper traded, and its behaviour compared with its baseline. */
  WATCHING,
  /**
   * A drift detector fired: still paper traded until its demotion arrives, no longer tested for
   * drift.
   */
  DRIFTED,
  /** Demoted: no longer live. */
  STOPPED
}

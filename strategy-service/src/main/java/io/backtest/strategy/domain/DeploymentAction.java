package io.backtest.strategy.domain;

/** A change of the live set. */
public enum DeploymentAction {
  /** The strategy went live. */
  PROMOTED,
  /** The strategy stopped trading. */
  DEMOTED
}

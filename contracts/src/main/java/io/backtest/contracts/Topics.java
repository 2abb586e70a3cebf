package io.backtest.contracts;

/**
 * Logical topic names of the platform. A deployment may prefix every physical topic name (see
 * {@link #physical(String, String)}) so that isolated environments share one broker.
 */
public final class Topics {
  public static final String CYCLE_STARTED = "cycle.started";
  public static final String BACKTEST_REQUESTED = "backtest.requested";
  public static final String BACKTEST_COMPLETED = "backtest.completed";
  public static final String BACKTEST_FAILED = "backtest.failed";
  public static final String STRATEGY_SCORED = "strategy.scored";
  public static final String CYCLE_SCORED = "cycle.scored";
  public static final String STRATEGY_PROMOTED = "strategy.promoted";
  public static final String STRATEGY_DEMOTED = "strategy.demoted";
  public static final String CYCLE_COMPLETED = "cycle.completed";
  public static final String MARKET_BARS = "market.bars";
  public static final String MARKET_REGIME_CHANGED = "market.regime.changed";
  public static final String STRATEGY_DRIFT_DETECTED = "strategy.drift.detected";
  public static final String MONITORING_ALERT = "monitoring.alert";
  public static final String AUDIT_CHECKPOINT = "audit.checkpoint";

  /** Suffix of the dead-letter topic that receives a topic's poison records with the reason. */
  public static final String DLQ_SUFFIX = ".dlq";

  private Topics() {}

  /** The dead-letter topic of {@code topic}. */
  public static String dlq(String topic) {
    return topic + DLQ_SUFFIX;
  }

  /** The physical name of a logical topic under an environment prefix (empty in production). */
  public static String physical(String prefix, String topic) {
    return (prefix == null ? "" : prefix) + topic;
  }
}

package io.backtest.contracts;

import io.backtest.contracts.events.AuditCheckpoint;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.StrategyScored;
import java.util.List;
import java.util.Optional;

/** Every event of the platform, one entry per topic. */
public final class EventCatalog {
  private static final String TYPE_PREFIX = "io.backtest.";

  public static final EventType<CycleStarted> CYCLE_STARTED =
      event(Topics.CYCLE_STARTED, CycleStarted.class, "cycle", 6, "An evaluation cycle began.");
  public static final EventType<BacktestRequested> BACKTEST_REQUESTED =
      event(
          Topics.BACKTEST_REQUESTED,
          BacktestRequested.class,
          "strategy",
          6,
          "Work for the backtest workers: one candidate to evaluate.");
  public static final EventType<BacktestCompleted> BACKTEST_COMPLETED =
      event(
          Topics.BACKTEST_COMPLETED,
          BacktestCompleted.class,
          "strategy",
          6,
          "A backtest finished, with its metrics and returns.");
  public static final EventType<BacktestFailed> BACKTEST_FAILED =
      event(
          Topics.BACKTEST_FAILED,
          BacktestFailed.class,
          "strategy",
          6,
          "A backtest could not be evaluated.");
  public static final EventType<StrategyScored> STRATEGY_SCORED =
      event(
          Topics.STRATEGY_SCORED,
          StrategyScored.class,
          "strategy",
          6,
          "A backtest result was scored.");
  public static final EventType<CycleScored> CYCLE_SCORED =
      event(
          Topics.CYCLE_SCORED,
          CycleScored.class,
          "cycle",
          6,
          "All results of a cycle are scored and ranked.");
  public static final EventType<StrategyPromoted> STRATEGY_PROMOTED =
      event(
          Topics.STRATEGY_PROMOTED,
          StrategyPromoted.class,
          "strategy",
          6,
          "A strategy goes live; live trading systems subscribe to this topic.");
  public static final EventType<StrategyDemoted> STRATEGY_DEMOTED =
      event(
          Topics.STRATEGY_DEMOTED,
          StrategyDemoted.class,
          "strategy",
          6,
          "A live strategy stops trading.");
  public static final EventType<CycleCompleted> CYCLE_COMPLETED =
      event(
          Topics.CYCLE_COMPLETED,
          CycleCompleted.class,
          "cycle",
          6,
          "A cycle ended with its promotion decisions.");
  public static final EventType<MarketBar> MARKET_BARS =
      event(Topics.MARKET_BARS, MarketBar.class, "symbol", 6, "One OHLCV bar of the market feed.");
  public static final EventType<MarketRegimeChanged> MARKET_REGIME_CHANGED =
      event(
          Topics.MARKET_REGIME_CHANGED,
          MarketRegimeChanged.class,
          "symbol",
          6,
          "A detector changed its verdict on a market's regime.");
  public static final EventType<StrategyDriftDetected> STRATEGY_DRIFT_DETECTED =
      event(
          Topics.STRATEGY_DRIFT_DETECTED,
          StrategyDriftDetected.class,
          "strategy",
          6,
          "A live strategy stopped behaving as its backtest promised.");
  public static final EventType<MonitoringAlert> MONITORING_ALERT =
      event(
          Topics.MONITORING_ALERT,
          MonitoringAlert.class,
          "strategy",
          6,
          "Something operators should see: drift, a regime change touching live strategies.");

  /**
   * Signed tree heads of the audit log, for outside witnesses. Subject {@code audit-log} (one
   * partition keeps them in order).
   */
  public static final EventType<AuditCheckpoint> AUDIT_CHECKPOINT =
      event(
          Topics.AUDIT_CHECKPOINT,
          AuditCheckpoint.class,
          "log",
          1,
          "A signed tree head of the audit log, for outside parties to keep.");

  public static final List<EventType<?>> ALL =
      List.of(
          CYCLE_STARTED,
          BACKTEST_REQUESTED,
          BACKTEST_COMPLETED,
          BACKTEST_FAILED,
          STRATEGY_SCORED,
          CYCLE_SCORED,
          STRATEGY_PROMOTED,
          STRATEGY_DEMOTED,
          CYCLE_COMPLETED,
          MARKET_BARS,
          MARKET_REGIME_CHANGED,
          STRATEGY_DRIFT_DETECTED,
          MONITORING_ALERT,
          AUDIT_CHECKPOINT);

  private EventCatalog() {}

  /** The event travelling on a logical topic. */
  public static Optional<EventType<?>> byTopic(String topic) {
    return ALL.stream().filter(e -> e.topic().equals(topic)).findFirst();
  }

  /** The event with a CloudEvents {@code type}. */
  public static Optional<EventType<?>> byType(String type) {
    return ALL.stream().filter(e -> e.type().equals(type)).findFirst();
  }

  private static <T> EventType<T> event(
      String topic, Class<T> payload, String subject, int partitions, String summary) {
    return new EventType<>(topic, TYPE_PREFIX + topic, payload, subject, partitions, summary);
  }
}

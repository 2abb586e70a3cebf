package io.backtest.monitoring.rest;

import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.ExecutionSettings;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A deployed strategy as the API shows it. The promotion's fields are null for a strategy whose
 * demotion was received before its promotion.
 *
 * @param strategyId the strategy
 * @param cycleId the cycle that promoted it
 * @param template template id
 * @param parameters parameter values
 * @param datasetId the data its backtest ran on
 * @param symbol instrument
 * @param timeframe bar length
 * @param execution the execution model its backtest assumed
 * @param status {@code WATCHING} or {@code STOPPED}
 * @param baseline its backtest's metrics, which live behaviour is compared with
 * @param score composite score at promotion
 * @param rank rank in its cycle
 * @param since when it was promoted
 * @param stoppedAt when it was demoted; null while watched
 * @param reason why it was demoted; null while watched
 * @param replacedBy the strategy that took its place, if any
 * @param note what was unusual about how this state came about, if anything
 */
public record DeploymentView(
    UUID strategyId,
    UUID cycleId,
    String template,
    Map<String, Number> parameters,
    String datasetId,
    String symbol,
    String timeframe,
    ExecutionSettings execution,
    String status,
    BacktestMetrics baseline,
    Double score,
    Integer rank,
    Instant since,
    Instant stoppedAt,
    String reason,
    UUID replacedBy,
    String note) {}

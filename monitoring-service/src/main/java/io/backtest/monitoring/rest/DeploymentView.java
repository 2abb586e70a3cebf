package io.backtest.monitoring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import java.time.Instant;
import java.util.List;
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
 * @param status {@code WATCHING}, {@code DRIFTED} or {@code STOPPED}
 * @param baseline its backtest's metrics
 * @param expected the out-of-sample performance it was promoted with: the drift baseline
 * @param score composite score at promotion
 * @param rank rank in its cycle
 * @param since when it was promoted
 * @param stoppedAt when it was demoted; null while watched
 * @param reason why it was demoted; null while watched
 * @param replacedBy the strategy that took its place, if any
 * @param note what was unusual about how this state came about, if anything
 * @param live its paper trading since the promotion; null before the first traded bar
 * @param drift its drift detectors; null before the first traded bar
 * @param points the latest points of its paper-traded equity series, oldest first (only when one
 *     strategy is read)
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
    ExpectedPerformance expected,
    Double score,
    Integer rank,
    Instant since,
    Instant stoppedAt,
    String reason,
    UUID replacedBy,
    String note,
    LiveView live,
    DriftView drift,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<PointView> points) {}

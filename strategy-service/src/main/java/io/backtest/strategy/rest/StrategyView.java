package io.backtest.strategy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.CandidateStatistics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A strategy as the API shows it.
 *
 * @param id the strategy
 * @param cycleId the cycle that generated it
 * @param template template id
 * @param parameters parameter values in the template's order
 * @param datasetId dataset it was evaluated on
 * @param symbol the dataset's instrument
 * @param timeframe the dataset's bar length
 * @param status {@code CANDIDATE}, {@code LIVE} or {@code RETIRED}
 * @param score composite score from its cycle's ranking; null until ranked
 * @param rank rank in its cycle; null until ranked
 * @param metrics its backtest's metrics; null until backtested
 * @param statistics what scoring computed from its out-of-sample returns, which the promotion gate
 *     read; null until its cycle is ranked
 * @param reason why it was (not) promoted, demoted, or why its backtest failed
 * @param promotedAt when it went live
 * @param demotedAt when it was retired
 * @param backtest its backtest run (only on the single-strategy resource)
 */
public record StrategyView(
    UUID id,
    UUID cycleId,
    String template,
    Map<String, Number> parameters,
    String datasetId,
    String symbol,
    String timeframe,
    String status,
    Double score,
    Integer rank,
    BacktestMetrics metrics,
    CandidateStatistics statistics,
    String reason,
    Instant promotedAt,
    Instant demotedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) BacktestRunView backtest) {

  /**
   * A backtest run.
   *
   * @param id the run
   * @param status {@code REQUESTED}, {@code COMPLETED} or {@code FAILED}
   * @param durationMillis wall-clock time of the evaluation
   * @param openAtEnd whether a position was still open at the last bar
   * @param error why it failed
   * @param requestedAt when it was requested
   * @param finishedAt when it completed or failed
   */
  public record BacktestRunView(
      UUID id,
      String status,
      Long durationMillis,
      Boolean openAtEnd,
      String error,
      Instant requestedAt,
      Instant finishedAt) {}
}

package io.backtest.strategy.rest;

import io.backtest.contracts.events.ExpectedPerformance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live set now.
 *
 * @param liveCount live strategies
 * @param cap maximum number of live strategies
 * @param strategies the live strategies, highest score first
 */
public record LiveSetView(int liveCount, int cap, List<LiveStrategyView> strategies) {

  /**
   * A live strategy.
   *
   * @param strategyId the strategy
   * @param cycleId the cycle that generated it
   * @param template template id
   * @param parameters parameter values in the template's order
   * @param datasetId dataset it was evaluated on
   * @param symbol the dataset's instrument
   * @param timeframe the dataset's bar length
   * @param score composite score from its cycle's ranking
   * @param rank rank in its cycle
   * @param promotedAt when it went live
   * @param reason why it went live, in a sentence
   * @param expected what its out-of-sample record leads to expect; null for a strategy promoted
   *     before statistics were kept
   */
  public record LiveStrategyView(
      UUID strategyId,
      UUID cycleId,
      String template,
      Map<String, Number> parameters,
      String datasetId,
      String symbol,
      String timeframe,
      double score,
      Integer rank,
      Instant promotedAt,
      String reason,
      ExpectedPerformance expected) {}
}

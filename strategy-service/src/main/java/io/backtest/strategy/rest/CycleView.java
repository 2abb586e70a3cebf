package io.backtest.strategy.rest;

import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.WalkForwardSettings;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A cycle as the API shows it: the request with every default filled in, and its progress.
 *
 * @param id the cycle
 * @param status {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param datasetId dataset of the backtests
 * @param templates templates of the candidates, in request order
 * @param generation {@code random} or {@code grid}
 * @param seed seed of the candidate generation and of a random walk-forward search
 * @param correlationId id carried by every event of the cycle
 * @param counts progress and outcome
 * @param walkForward the walk-forward analysis of every candidate; null for one backtest over the
 *     whole dataset
 * @param costs fees and slippage
 * @param execution fills, direction, position size and capital
 * @param scoring weights of the composite score requested for the cycle; null for scoring's
 *     defaults
 * @param createdAt when it started
 * @param completedAt when the promotion gate decided; null while running
 * @param summary the decision in a sentence; null while running
 * @param reason why the service started the cycle itself (a change of market regime); null for an
 *     operator's cycle
 */
public record CycleView(
    UUID id,
    String status,
    String datasetId,
    List<String> templates,
    String generation,
    long seed,
    String correlationId,
    Counts counts,
    WalkForwardSettings walkForward,
    Costs costs,
    Execution execution,
    ScoringWeights scoring,
    Instant createdAt,
    Instant completedAt,
    String summary,
    String reason) {

  /**
   * How far a cycle got.
   *
   * @param candidates candidates generated
   * @param backtested backtests completed
   * @param failed backtests failed
   * @param promoted strategies promoted
   * @param demoted live strategies demoted to make room
   */
  public record Counts(int candidates, int backtested, int failed, int promoted, int demoted) {}

  /**
   * Trading costs, in basis points.
   *
   * @param feeBps fee per side on notional
   * @param slippageBps slippage against the fill price
   */
  public record Costs(double feeBps, double slippageBps) {}

  /**
   * How orders were filled and sized.
   *
   * @param fill {@code next-open} or {@code same-close}
   * @param direction {@code long-only} or {@code long-short}
   * @param positionFraction fraction of equity in each position
   * @param capital starting equity
   */
  public record Execution(String fill, String direction, double positionFraction, double capital) {}
}

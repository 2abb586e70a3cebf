package io.backtest.strategy.rest;

import io.backtest.contracts.events.ExecutionSettings;
import java.time.Instant;
import java.util.UUID;

/**
 * A cycle as the API shows it.
 *
 * @param id the cycle
 * @param status {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param datasetId dataset of the backtests
 * @param template template of the candidates
 * @param seed seed of the candidate generation
 * @param correlationId id carried by every event of the cycle
 * @param counts progress and outcome
 * @param execution execution model of the backtests
 * @param createdAt when it started
 * @param completedAt when the promotion gate decided; null while running
 * @param summary the decision in a sentence; null while running
 */
public record CycleView(
    UUID id,
    String status,
    String datasetId,
    String template,
    long seed,
    String correlationId,
    Counts counts,
    ExecutionSettings execution,
    Instant createdAt,
    Instant completedAt,
    String summary) {

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
}

package io.backtest.gateway.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The gateway's cycle: strategy-service's cycle with scoring-service's progress merged in as {@code
 * counts.scored} (documented here for the API; the gateway merges the services' JSON so that
 * members they add later pass through).
 *
 * @param id the cycle
 * @param status RUNNING, COMPLETED or FAILED
 * @param datasetId the dataset backtested on
 * @param templates the strategy templates, in request order
 * @param generation how candidates were picked: random or grid
 * @param seed the candidate generation seed
 * @param correlationId the id every event and audit entry of the cycle carries
 * @param counts progress counters
 * @param walkForward the walk-forward analysis of every candidate, with its defaults filled in;
 *     null for one backtest over the whole dataset
 * @param costs fees and slippage in basis points
 * @param execution fills, direction, position size and capital
 * @param scoring weights of the composite score the cycle asked for; null for the defaults
 * @param createdAt when it started
 * @param completedAt when the promotion gate finished it, or null
 * @param summary the promotion gate's summary sentence, or null
 * @param warnings parts of the view that could not be read (e.g. "scoring-service unavailable")
 */
@Schema(description = "A research cycle with its progress")
public record CycleView(
    UUID id,
    @Schema(enumeration = {"RUNNING", "COMPLETED", "FAILED"}) String status,
    String datasetId,
    List<String> templates,
    @Schema(enumeration = {"random", "grid"}) String generation,
    Long seed,
    String correlationId,
    Counts counts,
    @Schema(nullable = true) StartCycleRequest.WalkForward walkForward,
    StartCycleRequest.Costs costs,
    StartCycleRequest.Execution execution,
    @Schema(nullable = true, description = "Null when the cycle is scored with the defaults")
        StartCycleRequest.Scoring scoring,
    Instant createdAt,
    Instant completedAt,
    String summary,
    List<String> warnings) {

  /**
   * How far the cycle is.
   *
   * @param candidates candidates generated
   * @param backtested backtests completed
   * @param failed backtests failed
   * @param scored results scored (from scoring-service; 0 before it knows the cycle, null when it
   *     is unavailable)
   * @param promoted strategies promoted to the live set
   * @param demoted live strategies demoted to make room
   */
  @Schema(description = "Progress counters of a cycle")
  public record Counts(
      int candidates,
      int backtested,
      int failed,
      @Schema(nullable = true) Integer scored,
      int promoted,
      int demoted) {}
}

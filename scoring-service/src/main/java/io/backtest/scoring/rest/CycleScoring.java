package io.backtest.scoring.rest;

import io.backtest.scoring.domain.CycleStatus;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Scoring progress of a cycle.
 *
 * @param cycleId the cycle
 * @param status {@code SCORING}, {@code SCORED}, {@code TIMED_OUT} or {@code COMPLETED}
 * @param expected candidates announced by {@code cycle.started}; null until it arrived
 * @param scored scored results counted in the cycle (ranked once it closed)
 * @param failed failed backtests, plus the missing ones when the cycle timed out
 * @param missing results that never arrived (counted in {@code failed}); 0 unless timed out
 * @param startedAt when the cycle started; null until {@code cycle.started} arrived
 * @param scoredAt when {@code cycle.scored} was emitted; null while scoring
 * @param completedAt when the promotion decision was made; null until {@code cycle.completed}
 * @param diagnostics trials, CSCV diagnostics, weights and formula; null until the cycle closed
 */
@Schema(description = "Scoring progress of a cycle.")
public record CycleScoring(
    UUID cycleId,
    @Schema(description = CycleScoring.STATUS) CycleStatus status,
    @Schema(nullable = true, description = "Null until cycle.started arrived.") Integer expected,
    int scored,
    @Schema(description = "Failed backtests, plus the missing ones when the cycle timed out.")
        int failed,
    @Schema(description = "Results that never arrived, counted in failed; 0 unless timed out.")
        int missing,
    @Schema(nullable = true) Instant startedAt,
    @Schema(nullable = true, description = "When cycle.scored was emitted; null while scoring.")
        Instant scoredAt,
    @Schema(
            nullable = true,
            description =
                "When the promotion decision was made; null until the cycle is COMPLETED.")
        Instant completedAt,
    @Schema(nullable = true, description = "Null until the cycle closed.")
        CycleDiagnostics diagnostics) {

  /** The statuses, as the API documents them. */
  static final String STATUS =
      "SCORING: results are coming in; nothing is scored yet (the statistics depend on the whole"
          + " cycle). SCORED: every announced result is in; the cycle was scored and ranked at once"
          + " and cycle.scored was emitted. TIMED_OUT: results stopped arriving; the results that"
          + " are in were scored and ranked, cycle.scored was emitted with the missing ones counted"
          + " as failed (and their trials estimated). COMPLETED: cycle.completed recorded the"
          + " promotion decision; final.";
}

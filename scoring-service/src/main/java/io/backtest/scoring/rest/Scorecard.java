package io.backtest.scoring.rest;

import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.Provenance;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A strategy's score and how it was computed.
 *
 * @param strategyId the strategy
 * @param cycleId the cycle it was evaluated in
 * @param template its template
 * @param parameters its parameter values
 * @param score its score
 * @param rank its rank in the cycle; null when the result arrived after the cycle closed
 * @param metrics its backtest's metrics (of the stitched out-of-sample record with a walk-forward
 *     analysis)
 * @param walkForward folds, trials and efficiency of its walk-forward analysis; null without one
 * @param provenance dataset digest, seed and engine version that reproduce the result; null for a
 *     result recorded before results carried it
 * @param formula how the score is computed
 * @param live whether it is live now (its latest {@code strategy.promoted} or {@code
 *     strategy.demoted})
 * @param promotedAt when it was last promoted; null if never
 * @param demotedAt when it was last demoted; null if never
 * @param demotionReason why it was last demoted; null if never
 */
@Schema(description = "A strategy's score and how it was computed.")
public record Scorecard(
    UUID strategyId,
    UUID cycleId,
    String template,
    Map<String, Number> parameters,
    double score,
    @Schema(
            nullable = true,
            description = "Rank in the cycle; null when the result arrived after the cycle closed.")
        Integer rank,
    BacktestMetrics metrics,
    @Schema(nullable = true, description = "Null without a walk-forward analysis.")
        WalkForwardOutcome walkForward,
    @Schema(
            nullable = true,
            description = "Null for a result recorded before results carried their provenance.")
        Provenance provenance,
    @Schema(example = "sharpe × (1 − maxDrawdown)") String formula,
    @Schema(description = "Whether the strategy is live now: its latest promotion or demotion.")
        boolean live,
    @Schema(nullable = true) Instant promotedAt,
    @Schema(nullable = true) Instant demotedAt,
    @Schema(nullable = true) String demotionReason) {}

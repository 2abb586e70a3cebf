package io.backtest.scoring.rest;

import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.RegimePerformance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A strategy's score and how it was computed: every statistic, the promotion gate's verdict with
 * its reasons, its correlations and its cycle's diagnostics.
 *
 * @param strategyId the strategy
 * @param cycleId the cycle it was evaluated in
 * @param template its template
 * @param parameters its parameter values
 * @param status {@code PENDING} while the cycle is open, {@code RANKED} once scored with it, {@code
 *     LATE} when the result arrived after the cycle closed
 * @param score its composite score; null unless ranked
 * @param rank its rank in the cycle; null unless ranked
 * @param metrics its backtest's metrics as the worker reported them (of the stitched out-of-sample
 *     record with a walk-forward analysis)
 * @param statistics everything scoring computed from its out-of-sample returns, the score's and
 *     gates' inputs; null unless ranked (and for a result ranked before the composite score)
 * @param regimes its out-of-sample record per regime of the dataset (detector, regime, points, mean
 *     return, Sharpe ratio, total return, share of the points); empty unless ranked with the
 *     dataset's regimes known
 * @param walkForward folds, trials and efficiency of its walk-forward analysis; null without one
 * @param provenance dataset digest, seed and engine version that reproduce the result; null for a
 *     result recorded before results carried it
 * @param formula how the score is computed, with the cycle's weights
 * @param verdict the promotion gate's decision on it, with every gate and the reason
 * @param correlations its correlations with the live strategies and the cycle's other best
 *     candidates; null until ranked
 * @param cycle its cycle's diagnostics (trials, PBO, weights); null until the cycle closed
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
    @Schema(
            description =
                "PENDING: its cycle is still open, nothing is scored yet. RANKED: scored and"
                    + " ranked with its cycle. LATE: arrived after its cycle closed; never scored.")
        ResultStatus status,
    @Schema(nullable = true, description = "Composite score; null unless RANKED.") Double score,
    @Schema(nullable = true, description = "Rank in the cycle; null unless RANKED.") Integer rank,
    BacktestMetrics metrics,
    @Schema(
            nullable = true,
            description =
                "Every statistic scoring computed from the out-of-sample returns; null unless"
                    + " RANKED.")
        CandidateStatistics statistics,
    @Schema(
            description =
                "The out-of-sample record per regime of the dataset, by detector (volatility,"
                    + " trend) and regime, each point in the regime of the bar it ends on; empty"
                    + " unless RANKED with the dataset's regimes known.")
        List<RegimePerformance> regimes,
    @Schema(nullable = true, description = "Null without a walk-forward analysis.")
        WalkForwardOutcome walkForward,
    @Schema(
            nullable = true,
            description = "Null for a result recorded before results carried their provenance.")
        Provenance provenance,
    @Schema(description = "How the score is computed, with the cycle's weights.") String formula,
    ScorecardVerdict verdict,
    @Schema(nullable = true, description = "Null until RANKED.") ScorecardCorrelations correlations,
    @Schema(nullable = true, description = "Null until the cycle closed.") CycleDiagnostics cycle,
    @Schema(description = "Whether the strategy is live now: its latest promotion or demotion.")
        boolean live,
    @Schema(nullable = true) Instant promotedAt,
    @Schema(nullable = true) Instant demotedAt,
    @Schema(nullable = true) String demotionReason) {}

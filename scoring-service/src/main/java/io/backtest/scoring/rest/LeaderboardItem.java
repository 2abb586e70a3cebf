package io.backtest.scoring.rest;

import io.backtest.contracts.events.BacktestMetrics;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One ranked result of a cycle.
 *
 * @param rank position in the cycle's ranking (score descending, then strategy id), from 1
 * @param strategyId the candidate
 * @param template its template
 * @param parameters its parameter values
 * @param score its composite score (see the page's {@code diagnostics.formula})
 * @param statistics the key statistics behind the score; null for a result ranked before the
 *     composite score
 * @param metrics its backtest's metrics as the worker reported them
 * @param verdict the promotion gate's outcome on it ({@code PROMOTED}, {@code REJECTED_BY_GATES},
 *     ...); null until the cycle is decided
 * @param promoted whether this cycle's decision ({@code cycle.completed}) promoted it: a fact of
 *     the cycle, false until the cycle is {@code COMPLETED}, unchanged by later demotions
 */
@Schema(description = "One ranked result of a cycle.")
public record LeaderboardItem(
    @Schema(description = "Position in the whole cycle's ranking, from 1.") int rank,
    UUID strategyId,
    String template,
    Map<String, Number> parameters,
    @Schema(description = "Composite score in [0, 1], 4 decimals; see diagnostics.formula.")
        double score,
    @Schema(
            nullable = true,
            description = "Null for a result ranked before the composite score existed.")
        KeyStatistics statistics,
    BacktestMetrics metrics,
    @Schema(
            nullable = true,
            description =
                "The promotion gate's outcome: PROMOTED, REJECTED_BY_GATES, CORRELATED, ...; null"
                    + " until the cycle is decided (see the scorecard for the gates and reason).")
        String verdict,
    @Schema(
            description =
                "Whether this cycle's decision promoted the strategy: false until the cycle is"
                    + " COMPLETED, and unchanged by later decisions (the scorecard says whether it"
                    + " is live now).")
        boolean promoted) {}

package io.backtest.scoring.rest;

import io.backtest.contracts.events.BacktestMetrics;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One ranked result of a cycle.
 *
 * @param rank position in the whole cycle's ranking (score descending, then strategy id), from 1
 * @param strategyId the candidate
 * @param template its template
 * @param parameters its parameter values
 * @param score its score, {@code sharpe × (1 − maxDrawdown)} (0 without trades)
 * @param metrics its backtest's metrics
 * @param promoted whether this cycle's decision ({@code cycle.completed}) promoted it: a fact of
 *     the cycle, false until the cycle is {@code COMPLETED}, unchanged by later demotions
 */
@Schema(description = "One ranked result of a cycle.")
public record LeaderboardItem(
    @Schema(description = "Position in the whole cycle's ranking, from 1.") int rank,
    UUID strategyId,
    String template,
    Map<String, Number> parameters,
    @Schema(description = "sharpe × (1 − maxDrawdown), 0 without trades, 4 decimals.") double score,
    BacktestMetrics metrics,
    @Schema(
            description =
                "Whether this cycle's decision promoted the strategy: false until the cycle is"
                    + " COMPLETED, and unchanged by later decisions (the scorecard says whether it"
                    + " is live now).")
        boolean promoted) {}

package io.backtest.scoring.rest;

import io.backtest.scoring.domain.CycleStatus;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a cycle's ranking: the shared page shape ({@code items, page, size, total}) with the
 * cycle's progress and diagnostics.
 *
 * @param cycleId the cycle
 * @param status where the cycle is; a {@code COMPLETED} cycle's page never changes
 * @param expected candidates announced by {@code cycle.started}; null until it arrived
 * @param scored results in (and, once the cycle closed, ranked)
 * @param failed failed backtests, plus the missing ones when the cycle timed out
 * @param diagnostics trials, CSCV diagnostics, weights and formula; null until the cycle closed
 * @param items the page, best first; empty while the cycle is {@code SCORING}
 * @param page page index, from 0
 * @param size page size
 * @param total results in the ranking; 0 while the cycle is {@code SCORING}
 */
@Schema(description = "One page of a cycle's ranking, best first.")
public record LeaderboardPage(
    UUID cycleId,
    @Schema(description = CycleScoring.STATUS) CycleStatus status,
    @Schema(nullable = true, description = "Null until cycle.started arrived.") Integer expected,
    @Schema(description = "Results in; once the cycle closed, those ranked.") int scored,
    @Schema(description = "Failed backtests, plus the missing ones when the cycle timed out.")
        int failed,
    @Schema(nullable = true, description = "Null until the cycle closed.")
        CycleDiagnostics diagnostics,
    List<LeaderboardItem> items,
    int page,
    int size,
    @Schema(description = "Results in the ranking; 0 while the cycle is SCORING.") long total) {}

package io.backtest.scoring.rest;

import io.backtest.contracts.events.GateCheck;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The promotion gate's decision on a strategy, from its cycle's {@code cycle.completed}.
 *
 * @param decided whether the cycle's decision is recorded
 * @param outcome {@code PROMOTED} or why not (e.g. {@code REJECTED_BY_GATES}, {@code CORRELATED});
 *     null while not decided, or when the decision has no verdict on this strategy
 * @param reason the decision in a sentence, or why there is none ("not decided yet")
 * @param gates every gate applied, in order, with value, threshold and verdict; empty without one
 */
@Schema(description = "The promotion gate's decision on the strategy.")
public record ScorecardVerdict(
    boolean decided,
    @Schema(
            nullable = true,
            description =
                "PROMOTED or why not (REJECTED_BY_GATES, CORRELATED, ...); null while not decided.")
        String outcome,
    @Schema(description = "The decision in a sentence, or 'not decided yet'.") String reason,
    List<GateCheck> gates) {}

package io.backtest.scoring.rest;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The correlation of a strategy's out-of-sample returns with another strategy's.
 *
 * @param strategyId the other strategy
 * @param rank its rank in the same cycle; null for a live strategy
 * @param correlation Pearson correlation over the same points (binary32 precision); null when the
 *     two series are not comparable (other data, other bars)
 */
@Schema(description = "Correlation with another strategy's out-of-sample returns.")
public record CorrelationEntry(
    UUID strategyId,
    @Schema(nullable = true, description = "Its rank in the same cycle; null for a live strategy.")
        Integer rank,
    @Schema(
            nullable = true,
            description =
                "Pearson correlation over the same points; null when the series are not"
                    + " comparable (other data or other bars).")
        Double correlation) {}

package io.backtest.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An operator's replay of a dataset onto {@code market.bars}, forwarded to strategy-service.
 *
 * @param datasetId the dataset whose bars are published
 * @param barsPerSecond pace; null for as fast as the broker takes them
 * @param from only bars from this time on; null for all
 */
@Schema(description = "A replay of a dataset's bars onto the market feed (market.bars)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayRequest(
    @NotBlank(message = "must not be blank")
        @Schema(
            description = "The dataset whose bars are published, in time order",
            example = "aapl-1d-2013",
            required = true)
        String datasetId,
    @Positive(message = "must be > 0")
        @DecimalMax(value = "100000", message = "must be <= 100000")
        @Schema(
            description = "Bars per second; absent for as fast as the broker takes them",
            example = "50")
        Double barsPerSecond,
    @Schema(
            description = "Only bars from this time on (ISO-8601); absent for all",
            example = "2013-06-03T00:00:00Z")
        Instant from) {}

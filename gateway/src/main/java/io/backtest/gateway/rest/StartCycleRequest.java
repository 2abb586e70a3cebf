package io.backtest.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to start a research cycle, forwarded to strategy-service, which checks it (unknown
 * dataset or template and a candidate count beyond the template's grid are 422 problems naming the
 * field). Absent optional members stay absent so that strategy-service applies its defaults.
 *
 * @param datasetId the dataset to backtest on
 * @param candidates how many distinct candidates to sample from the template's grid
 * @param seed the sampling seed (random when absent; always stored and returned)
 * @param template the strategy template (sma-crossover when absent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A research cycle to start")
public record StartCycleRequest(
    @Schema(description = "Dataset to backtest on", example = "aapl-1d-2013", required = true)
        String datasetId,
    @Schema(
            description = "Number of candidates, 1 to 1000 and at most the template's grid size",
            example = "60",
            required = true)
        Integer candidates,
    @Schema(
            description = "Seed of the candidate sampling; random when absent, always returned",
            example = "42")
        Long seed,
    @Schema(description = "Strategy template; sma-crossover when absent", example = "sma-crossover")
        String template) {}

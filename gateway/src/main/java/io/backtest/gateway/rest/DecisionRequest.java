package io.backtest.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An administrator's promotion or demotion of one strategy, forwarded to strategy-service, which
 * checks it against the live set (the strategy's status, the cap) and records it.
 *
 * @param reason why, in a sentence: the reason the {@code strategy.promoted} or {@code
 *     strategy.demoted} event carries into the deployment history and the audit log
 */
@Schema(description = "A manual promotion or demotion")
public record DecisionRequest(
    @NotBlank(message = "must not be blank")
        @Schema(
            description =
                "Why, in a sentence: recorded in the deployment history and the audit log",
            example = "live PnL 4 standard deviations below the backtest's expectation",
            required = true)
        String reason) {}

package io.backtest.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An administrator's rollback of the live set, forwarded to strategy-service.
 *
 * @param cycleId the cycle whose promotion decision left the live set to restore
 * @param reason why, in a sentence: the reason every resulting promotion and demotion carries
 */
@Schema(description = "A rollback of the live set to what a cycle's promotion decision left")
public record RollbackRequest(
    @NotNull(message = "is required")
        @Schema(
            description = "The cycle whose promotion decision left the live set to restore",
            example = "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70",
            required = true)
        UUID cycleId,
    @NotBlank(message = "must not be blank")
        @Schema(
            description =
                "Why, in a sentence: recorded with every change in the deployment history and the"
                    + " audit log",
            example = "the last cycle's promotions drew down 9% in two days",
            required = true)
        String reason) {}

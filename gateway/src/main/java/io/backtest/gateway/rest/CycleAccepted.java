package io.backtest.gateway.rest;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a started cycle, as strategy-service gives it (documented here for the API; the
 * gateway passes the body through).
 *
 * @param cycleId the new cycle
 * @param correlationId the id that every event and audit entry of the cycle carries
 */
@Schema(description = "A cycle accepted for research")
public record CycleAccepted(UUID cycleId, String correlationId) {}

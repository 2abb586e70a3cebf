package io.backtest.strategy.rest;

import java.util.UUID;

/**
 * A cycle was started; follow it at {@code /api/v1/cycles/{cycleId}}.
 *
 * @param cycleId the new cycle
 * @param correlationId the id every event of the cycle carries
 */
public record CycleAccepted(UUID cycleId, String correlationId) {}

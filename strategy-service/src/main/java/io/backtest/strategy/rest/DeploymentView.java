package io.backtest.strategy.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of the live set, as the deployment history holds it.
 *
 * @param seq its place in the history (ascending)
 * @param strategyId the strategy promoted or demoted
 * @param action {@code PROMOTED} or {@code DEMOTED}
 * @param cycleId the cycle whose promotion decision made the change; null for an operator's
 * @param reason why, in a sentence (the reason its event carries)
 * @param at when
 * @param eventId the {@code strategy.promoted} or {@code strategy.demoted} event's id; null for
 *     changes made before the history was kept
 */
public record DeploymentView(
    long seq,
    UUID strategyId,
    String action,
    UUID cycleId,
    String reason,
    Instant at,
    UUID eventId) {}

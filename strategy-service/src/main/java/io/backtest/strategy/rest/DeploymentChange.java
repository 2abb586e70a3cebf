package io.backtest.strategy.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * What an operator's promotion or demotion did.
 *
 * @param seq the change's place in the deployment history
 * @param strategyId the strategy
 * @param action {@code PROMOTED} or {@code DEMOTED}
 * @param reason the reason recorded and sent with the event
 * @param at when
 * @param eventId the {@code strategy.promoted} or {@code strategy.demoted} event's id
 * @param liveCount live strategies after the change
 * @param cap maximum number of live strategies
 */
public record DeploymentChange(
    long seq,
    UUID strategyId,
    String action,
    String reason,
    Instant at,
    UUID eventId,
    int liveCount,
    int cap) {}

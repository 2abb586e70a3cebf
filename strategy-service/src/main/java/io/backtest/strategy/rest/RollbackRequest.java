package io.backtest.strategy.rest;

/**
 * Restores the live set a cycle's promotion decision left.
 *
 * @param cycleId the cycle; required
 * @param reason why, in the operator's words; required, at most 1,000 characters
 */
public record RollbackRequest(String cycleId, String reason) {}

package io.backtest.strategy.rest;

/**
 * An operator's promotion or demotion of one strategy.
 *
 * @param reason why, in the operator's words; required, at most 1,000 characters. Recorded in the
 *     deployment history and sent with the event, after {@code manual promotion by operator: } or
 *     {@code manual demotion by operator: }
 */
public record OperatorRequest(String reason) {}

package io.backtest.strategy.rest;

import java.time.Instant;

/**
 * A run of bars generated in one regime: the true label of bars {@code fromIndex..toIndex}.
 *
 * @param regime the regime's name
 * @param fromIndex first bar, 0-based
 * @param toIndex last bar, inclusive
 * @param fromTime open time of the first bar
 */
public record RegimeView(String regime, int fromIndex, int toIndex, Instant fromTime) {}

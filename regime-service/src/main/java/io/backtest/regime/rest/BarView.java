package io.backtest.regime.rest;

import java.time.Instant;

/**
 * One bar held in a window.
 *
 * @param time the bar's open time
 * @param open open price
 * @param high high price
 * @param low low price
 * @param close close price
 * @param volume traded volume
 */
public record BarView(
    Instant time, double open, double high, double low, double close, double volume) {}

package io.backtest.strategy.rest;

import java.time.Instant;

/**
 * One bar of a dataset.
 *
 * @param seq 0-based position in the dataset
 * @param time open time
 */
public record BarView(
    int seq, Instant time, double open, double high, double low, double close, double volume) {}

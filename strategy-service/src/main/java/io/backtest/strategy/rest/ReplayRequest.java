package io.backtest.strategy.rest;

/**
 * Starts a market replay.
 *
 * @param datasetId the dataset whose bars are published; required
 * @param barsPerSecond pace, greater than 0 and at most 100,000; absent for as fast as the broker
 *     acknowledges
 * @param from an ISO-8601 instant: only bars opening at or after it are published; absent for all
 */
public record ReplayRequest(String datasetId, Double barsPerSecond, String from) {}

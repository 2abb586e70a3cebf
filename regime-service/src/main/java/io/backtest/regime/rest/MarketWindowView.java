package io.backtest.regime.rest;

import java.time.Instant;

/**
 * A rolling market window as the API shows it.
 *
 * @param symbol instrument symbol
 * @param timeframe bar length as the feed writes it
 * @param bars bars held
 * @param from open time of the oldest bar held
 * @param to open time of the most recent bar held
 * @param lastClose close of the most recent bar
 * @param realisedVolatility annualised sample standard deviation of the log returns between
 *     consecutive bars held; null with fewer than three bars
 * @param barsPerYear the annualisation factor used for the timeframe
 */
public record MarketWindowView(
    String symbol,
    String timeframe,
    int bars,
    Instant from,
    Instant to,
    Double lastClose,
    Double realisedVolatility,
    double barsPerYear) {}

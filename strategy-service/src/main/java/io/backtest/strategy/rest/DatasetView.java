package io.backtest.strategy.rest;

import java.time.Instant;

/**
 * A dataset as the API shows it.
 *
 * @param id dataset id
 * @param symbol instrument symbol
 * @param timeframe bar length, e.g. {@code 1d}
 * @param barCount number of bars
 * @param from open time of the first bar
 * @param to open time of the last bar
 * @param barsPerYear bars in one year, used to annualise metrics
 * @param sha256 SHA-256 of the canonical text of the bars (one line per bar: {@code
 *     epochSecond,open,high,low,close,volume} with Java's {@code Double.toString})
 * @param source where the bars came from
 */
public record DatasetView(
    String id,
    String symbol,
    String timeframe,
    int barCount,
    Instant from,
    Instant to,
    double barsPerYear,
    String sha256,
    String source) {}

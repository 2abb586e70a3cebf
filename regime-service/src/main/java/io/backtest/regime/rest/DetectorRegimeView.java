package io.backtest.regime.rest;

import java.time.Instant;
import java.util.Map;

/**
 * One detector's current regime.
 *
 * @param detector {@code volatility}, {@code trend} or {@code hmm}
 * @param regime the regime; null while the detector warms up
 * @param since open time of the bar that confirmed the regime; null while warming up
 * @param barsObserved bars the detector has seen
 * @param warmUpBars bars the detector needs before its first verdict
 * @param statistics the figures behind the regime when it was confirmed, by name; empty while
 *     warming up
 * @param updatedAt when the regime was recorded; null while warming up
 */
public record DetectorRegimeView(
    String detector,
    String regime,
    Instant since,
    long barsObserved,
    long warmUpBars,
    Map<String, Double> statistics,
    Instant updatedAt) {}

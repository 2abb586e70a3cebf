package io.backtest.regime.rest;

import java.time.Instant;
import java.util.Map;

/**
 * One change of a detector's regime, as announced on {@code market.regime.changed}.
 *
 * @param id position in the history
 * @param symbol instrument symbol
 * @param timeframe bar length
 * @param detector {@code volatility}, {@code trend} or {@code hmm}
 * @param from the regime before; null for the detector's first verdict
 * @param to the regime after
 * @param barTime open time of the bar that confirmed the change
 * @param barsObserved bars the detector had seen, that bar included
 * @param statistics the figures behind the change, by name
 * @param reason the change in a sentence
 * @param changedAt when it was recorded
 * @param eventId the {@code ce_id} of the event that announced it
 */
public record RegimeChangeView(
    long id,
    String symbol,
    String timeframe,
    String detector,
    String from,
    String to,
    Instant barTime,
    long barsObserved,
    Map<String, Double> statistics,
    String reason,
    Instant changedAt,
    String eventId) {}

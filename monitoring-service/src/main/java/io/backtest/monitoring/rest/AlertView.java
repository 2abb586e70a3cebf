package io.backtest.monitoring.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An alert as the API shows it: the {@code monitoring.alert} event's payload.
 *
 * @param alertId the alert
 * @param severity {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param kind {@code drift} or {@code regime-change}
 * @param strategyId the strategy concerned, if any
 * @param symbol the instrument concerned
 * @param message the alert in a sentence
 * @param details the figures behind it
 * @param raisedAt when
 */
public record AlertView(
    UUID alertId,
    String severity,
    String kind,
    UUID strategyId,
    String symbol,
    String message,
    Map<String, Double> details,
    Instant raisedAt) {}

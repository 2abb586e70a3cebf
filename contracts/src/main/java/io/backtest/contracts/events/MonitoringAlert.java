package io.backtest.contracts.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Something operators should see on the dashboard: a drift detection, a regime change that touches
 * live strategies, a gap in the market feed. Subject and Kafka key: the strategy id, or the symbol
 * when the alert concerns no single strategy.
 *
 * @param alertId the alert's id
 * @param severity {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param kind what happened: {@code drift}, {@code regime-change}, {@code feed-gap}, …
 * @param strategyId the strategy concerned; null when none
 * @param symbol the instrument concerned; null when none
 * @param message the alert in a sentence
 * @param details the figures behind it, by name
 * @param raisedAt when
 */
public record MonitoringAlert(
    UUID alertId,
    String severity,
    String kind,
    UUID strategyId,
    String symbol,
    String message,
    Map<String, Double> details,
    Instant raisedAt) {
  public MonitoringAlert {
    Checks.present(alertId, "alertId");
    Checks.oneOf(severity, "severity", "INFO", "WARNING", "CRITICAL");
    Checks.text(kind, "kind");
    if (strategyId == null && (symbol == null || symbol.isBlank())) {
      throw new IllegalArgumentException("an alert names a strategyId, a symbol or both");
    }
    Checks.text(message, "message");
    details = Collections.unmodifiableMap(new TreeMap<>(Checks.present(details, "details")));
    details.forEach((name, value) -> Checks.finite(value, "details." + name));
    Checks.present(raisedAt, "raisedAt");
  }

  /** The event's subject and Kafka key: the strategy id, else the symbol. */
  public String subject() {
    return strategyId != null ? strategyId.toString() : symbol;
  }
}

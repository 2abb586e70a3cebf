package io.backtest.contracts.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Something operators should see on the dashboard: a drift detection, a regime change that touches
 * live strategies, a gap in the market feed, a record a service had to dead-letter. Subject and
 * Kafka key: the strategy id, else the symbol when the alert concerns no single strategy, else the
 * platform component concerned.
 *
 * <p>A platform alert (the audit log dead-lettered a record, say) concerns no strategy and no
 * symbol: it names the component instead, so that every alert still says what it is about.
 *
 * @param alertId the alert's id
 * @param severity {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param kind what happened: {@code drift}, {@code regime-change}, {@code feed-gap}, {@code
 *     audit-dead-letter}, …
 * @param strategyId the strategy concerned; null when none
 * @param symbol the instrument concerned; null when none
 * @param component the platform component concerned (a service name, or {@code platform}) when the
 *     alert is about the platform itself; null otherwise
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
    String component,
    String message,
    Map<String, Double> details,
    Instant raisedAt) {
  public MonitoringAlert {
    Checks.present(alertId, "alertId");
    Checks.oneOf(severity, "severity", "INFO", "WARNING", "CRITICAL");
    Checks.text(kind, "kind");
    if (strategyId == null && blank(symbol) && blank(component)) {
      throw new IllegalArgumentException(
          "an alert names a strategyId, a symbol or both, or else a platform component");
    }
    if (component != null && component.isBlank()) {
      throw new IllegalArgumentException("component must not be blank");
    }
    Checks.text(message, "message");
    details = Collections.unmodifiableMap(new TreeMap<>(Checks.present(details, "details")));
    details.forEach((name, value) -> Checks.finite(value, "details." + name));
    Checks.present(raisedAt, "raisedAt");
  }

  /** The event's subject and Kafka key: the strategy id, else the symbol, else the component. */
  public String subject() {
    if (strategyId != null) {
      return strategyId.toString();
    }
    return blank(symbol) ? component : symbol;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

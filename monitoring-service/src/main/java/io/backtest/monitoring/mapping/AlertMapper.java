package io.backtest.monitoring.mapping;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.monitoring.domain.Alert;
import io.backtest.monitoring.domain.AlertSeverity;
import io.backtest.monitoring.rest.AlertView;

/** Alerts between their event, their row and their API form. */
public final class AlertMapper {
  private AlertMapper() {}

  /** The row recording a published alert. */
  public static Alert toEntity(EventEnvelope<MonitoringAlert> event) {
    MonitoringAlert a = event.data();
    Alert row = new Alert();
    row.alertId = a.alertId();
    row.severity = AlertSeverity.valueOf(a.severity());
    row.kind = a.kind();
    row.strategyId = a.strategyId();
    row.symbol = a.symbol();
    row.message = a.message();
    row.details = a.details();
    row.raisedAt = a.raisedAt();
    row.eventId = event.id();
    return row;
  }

  public static AlertView toView(Alert a) {
    return new AlertView(
        a.alertId,
        a.severity.name(),
        a.kind,
        a.strategyId,
        a.symbol,
        a.message,
        a.details,
        a.raisedAt);
  }
}

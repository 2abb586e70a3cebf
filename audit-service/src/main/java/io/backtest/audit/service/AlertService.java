package io.backtest.audit.service;

import io.backtest.audit.domain.DeadLetter;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Correlation;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tells operators what the audit log could not record: each dead-lettered record raises a CRITICAL
 * {@code monitoring.alert} (kind {@value #DEAD_LETTER}), written to the outbox so that it is
 * published even if the service stops right after. A gap in an audit log is a finding in itself, so
 * it is not left to someone reading the dead-letter topics.
 */
@ApplicationScoped
public class AlertService {
  /** The alert kind of a record the audit log dead-lettered. */
  public static final String DEAD_LETTER = "audit-dead-letter";

  private final Outbox outbox;
  private final PlatformConfig platform;

  public AlertService(Outbox outbox, PlatformConfig platform) {
    this.outbox = outbox;
    this.platform = platform;
  }

  /**
   * Raises one alert per dead letter, in one transaction. The alert concerns the platform (no
   * strategy, no symbol): its component and subject are this service; it keeps the record's
   * correlation id when it has one, and names the event as its cause when it was read as one.
   */
  @WithTransaction
  public Uni<Void> raiseDeadLetters(List<DeadLetter> deadLetters) {
    Instant now = Instant.now();
    List<EventEnvelope<MonitoringAlert>> alerts =
        deadLetters.stream()
            .map(
                d ->
                    EventEnvelope.create(
                        EventCatalog.MONITORING_ALERT,
                        platform.source(),
                        platform.serviceName(),
                        d.correlationId() != null ? d.correlationId() : Correlation.newId(),
                        d.eventId() == null ? null : d.eventId().toString(),
                        alert(d, now)))
            .toList();
    return outbox.addAll(EventCatalog.MONITORING_ALERT, alerts);
  }

  private MonitoringAlert alert(DeadLetter d, Instant now) {
    return new MonitoringAlert(
        UUID.randomUUID(),
        "CRITICAL",
        DEAD_LETTER,
        null,
        null,
        platform.serviceName(),
        "the audit log could not record %s-%d@%d%s and sent it to %s: %s"
            .formatted(
                d.topic(),
                d.partition(),
                d.offset(),
                d.eventId() == null ? "" : " (event " + d.eventId() + ")",
                d.deadLetterTopic(),
                d.reason()),
        Map.of("partition", (double) d.partition(), "offset", (double) d.offset()),
        now);
  }
}

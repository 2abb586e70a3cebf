package io.backtest.monitoring.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.monitoring.config.MonitoringConfig;
import io.backtest.monitoring.domain.Alert;
import io.backtest.monitoring.domain.AlertSeverity;
import io.backtest.monitoring.domain.Deployment;
import io.backtest.monitoring.mapping.AlertMapper;
import io.backtest.monitoring.repository.AlertRepository;
import io.backtest.monitoring.repository.DeploymentRepository;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortRequest;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Alerts: raised for regime changes that touch live strategies, and listed for operators. */
@ApplicationScoped
public class AlertService {
  static final String REGIME_CHANGE = "regime-change";

  private final AlertRepository alerts;
  private final DeploymentRepository deployments;
  private final Outbox outbox;
  private final PlatformConfig platform;
  private final MonitoringConfig config;

  public AlertService(
      AlertRepository alerts,
      DeploymentRepository deployments,
      Outbox outbox,
      PlatformConfig platform,
      MonitoringConfig config) {
    this.alerts = alerts;
    this.deployments = deployments;
    this.outbox = outbox;
    this.platform = platform;
    this.config = config;
  }

  /**
   * Raises an INFO {@code regime-change} alert for every watched strategy trading the symbol whose
   * regime changed, if the detector is one of {@code monitoring.alerts.regime-detectors}: stored,
   * and published on {@code monitoring.alert}.
   */
  @WithTransaction
  public Uni<Void> recordRegimeChange(EventEnvelope<MarketRegimeChanged> event) {
    MarketRegimeChanged change = event.data();
    if (!event.subject().equals(change.symbol())) {
      return Uni.createFrom()
          .failure(
              new MalformedEventException(
                  "ce_subject '"
                      + event.subject()
                      + "' is not the changed market's symbol "
                      + change.symbol()));
    }
    if (!config.alerts().regimeDetectors().contains(change.detector())) {
      return Uni.createFrom().voidItem();
    }
    return deployments
        .listWatching(change.symbol())
        .chain(
            watching -> {
              // microseconds: what the database keeps, so the row and the event agree
              Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Deployment d : watching) {
                chain = chain.chain(() -> raise(event, d, now));
              }
              if (!watching.isEmpty()) {
                Log.infof(
                    "%s: %s regime %s -> %s touches %d live strategies",
                    change.symbol(),
                    change.detector(),
                    change.from(),
                    change.to(),
                    watching.size());
              }
              return chain;
            });
  }

  private Uni<Void> raise(EventEnvelope<MarketRegimeChanged> event, Deployment d, Instant now) {
    MarketRegimeChanged change = event.data();
    Map<String, Double> details = new LinkedHashMap<>(change.statistics());
    details.put("barsObserved", (double) change.barsObserved());
    MonitoringAlert alert =
        new MonitoringAlert(
            UUID.randomUUID(),
            AlertSeverity.INFO.name(),
            REGIME_CHANGE,
            d.strategyId,
            change.symbol(),
            null,
            "%s %s regime changed (%s: %s -> %s) under live strategy %s: %s"
                .formatted(
                    change.symbol(),
                    change.timeframe(),
                    change.detector(),
                    change.from() == null ? "none" : change.from(),
                    change.to(),
                    d.strategyId,
                    change.reason()),
            details,
            now);
    EventEnvelope<MonitoringAlert> alertEvent =
        event.causes(
            EventCatalog.MONITORING_ALERT, platform.source(), d.strategyId.toString(), alert);
    Alert row = AlertMapper.toEntity(alertEvent);
    return alerts.persist(row).chain(() -> outbox.add(EventCatalog.MONITORING_ALERT, alertEvent));
  }

  /** One page of the alerts that pass {@code filter} in {@code order}, with their total. */
  @WithSession
  public Uni<Page<Alert>> listAlerts(
      AlertRepository.Filter filter, PageRequest request, SortRequest order) {
    return alerts
        .listPage(filter, request, order)
        .chain(items -> alerts.count(filter).map(total -> Page.of(items, request, total)));
  }
}

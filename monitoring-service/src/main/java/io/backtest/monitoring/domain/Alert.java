package io.backtest.monitoring.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An alert raised for operators, as published on {@code monitoring.alert}. */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {
  /** The alert's id, also the {@code alertId} of its event. */
  @Id
  @Column(name = "alert_id")
  public UUID alertId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public AlertSeverity severity;

  /** {@code drift}, {@code regime-change}. */
  @Column(nullable = false)
  public String kind;

  @Column(name = "strategy_id")
  public UUID strategyId;

  public String symbol;

  @Column(nullable = false)
  public String message;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Double> details;

  @Column(name = "raised_at", nullable = false)
  public Instant raisedAt;

  /** The {@code monitoring.alert} event that published it. */
  @Column(name = "event_id", nullable = false)
  public UUID eventId;

  /**
   * How severe, INFO lowest: what the list sorts by when asked to sort by severity (the names would
   * sort CRITICAL first). Computed in each query, never stored.
   */
  @Formula("case severity when 'INFO' then 0 when 'WARNING' then 1 when 'CRITICAL' then 2 end")
  public Integer severityLevel;
}

package io.backtest.regime.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One change of a detector's regime, as announced on {@code market.regime.changed}. */
@Entity
@Table(name = "regime_change")
public class RecordedRegimeChange extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String symbol;

  @Column(nullable = false)
  public String timeframe;

  @Column(nullable = false)
  public String detector;

  /** The regime before; null for the detector's first verdict. */
  @Column(name = "from_regime")
  public String from;

  @Column(name = "to_regime", nullable = false)
  public String to;

  /** Open time of the bar that confirmed the change. */
  @Column(name = "bar_time", nullable = false)
  public Instant barTime;

  @Column(name = "bars_observed", nullable = false)
  public long barsObserved;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Double> statistics;

  @Column(nullable = false)
  public String reason;

  @Column(name = "changed_at", nullable = false)
  public Instant changedAt;

  /** The {@code ce_id} of the event that announced the change. */
  @Column(name = "event_id", nullable = false)
  public UUID eventId;
}

package io.backtest.regime.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The regime a detector last reported for a symbol and timeframe. */
@Entity
@Table(name = "current_regime")
public class CurrentRegime extends PanacheEntityBase {
  @EmbeddedId public Key id;

  @Column(nullable = false)
  public String regime;

  /** Open time of the bar that confirmed the regime. */
  @Column(nullable = false)
  public Instant since;

  /** Bars the detector had seen when the regime was confirmed, that bar included. */
  @Column(name = "bars_observed", nullable = false)
  public long barsObserved;

  /** The figures behind the regime, by name. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Double> statistics;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** Symbol, timeframe and detector name. */
  @Embeddable
  public record Key(
      @Column(name = "symbol") String symbol,
      @Column(name = "timeframe") String timeframe,
      @Column(name = "detector") String detector)
      implements Serializable {}
}

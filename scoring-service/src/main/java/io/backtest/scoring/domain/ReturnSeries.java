package io.backtest.scoring.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Per-bar simple returns of a scored backtest, kept apart from the result row for the correlation
 * and overfitting statistics that need whole series.
 */
@Entity
@Table(name = "return_series")
public class ReturnSeries {
  @Id
  @Column(name = "backtest_id")
  public UUID backtestId;

  @Column(name = "cycle_id", nullable = false)
  public UUID cycleId;

  @Column(name = "strategy_id", nullable = false)
  public UUID strategyId;

  /** Bars in one year of the dataset, to annualise statistics of the series. */
  @Column(name = "bars_per_year", nullable = false)
  public double barsPerYear;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "double precision[]")
  public double[] returns;
}

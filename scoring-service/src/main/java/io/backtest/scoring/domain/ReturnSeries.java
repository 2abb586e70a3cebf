package io.backtest.scoring.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Simple returns of a scored backtest, kept apart from the result row for the statistics that need
 * whole series: the cycle's scores and overfitting diagnostics, and correlation with the live set
 * after the strategy was promoted.
 *
 * <p>A long series arrives with consecutive bars compounded into points ({@code barsPerPoint} > 1;
 * see {@link io.backtest.contracts.events.ReturnSeries}): {@link #returns} holds the points, and a
 * statistic of them annualises with {@link #pointsPerYear()}, never with {@code barsPerYear}.
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

  /**
   * Bars in one year of the dataset; statistics of the series annualise with {@link
   * #pointsPerYear()}.
   */
  @Column(name = "bars_per_year", nullable = false)
  public double barsPerYear;

  /** Bars compounded into each point of {@link #returns}, 1 when the series is per bar. */
  @Column(name = "bars_per_point", nullable = false)
  public int barsPerPoint = 1;

  /**
   * What makes two series comparable point by point: {@code <dataset sha256>:<first out-of-sample
   * bar>:<barsPerPoint>} (see {@link io.backtest.engine.selection.ScoringInput#alignment()}).
   */
  @Column(nullable = false)
  public String alignment;

  /** The points, in time order. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "double precision[]")
  public double[] returns;

  /** Points of {@link #returns} in one year: {@code barsPerYear / barsPerPoint}. */
  public double pointsPerYear() {
    return barsPerYear / barsPerPoint;
  }
}

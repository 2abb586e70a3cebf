package io.backtest.regime.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The rolling window of one symbol and timeframe: its extent and the running statistics of the bars
 * it holds (the bars themselves are {@link WindowBar} rows).
 */
@Entity
@Table(name = "market_window")
public class MarketWindow extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String symbol;

  @Column(nullable = false)
  public String timeframe;

  /** Bars per year of the timeframe, fixed when the window was created. */
  @Column(name = "bars_per_year", nullable = false)
  public double barsPerYear;

  /** Bars held. */
  @Column(nullable = false)
  public int bars;

  /** Open time of the oldest bar held; null while empty. */
  @Column(name = "first_time")
  public Instant firstTime;

  /** Open time of the most recent bar held; null while empty. */
  @Column(name = "last_time")
  public Instant lastTime;

  /** Close of the most recent bar held; null while empty. */
  @Column(name = "last_close")
  public Double lastClose;

  /** Σ of the log returns between consecutive bars held. */
  @Column(name = "return_sum", nullable = false)
  public double returnSum;

  /** Σ of the squared log returns between consecutive bars held. */
  @Column(name = "return_sum_squares", nullable = false)
  public double returnSumOfSquares;

  /**
   * Bars fed to the regime detectors since the window was created: each bar that opened after every
   * bar before it. Late and repeated bars are not fed.
   */
  @Column(name = "bars_observed", nullable = false)
  public long barsObserved;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The running sums as a value. */
  public ReturnMoments moments() {
    return new ReturnMoments(Math.max(0, bars - 1), returnSum, returnSumOfSquares);
  }

  /** Stores running sums (their count is implied by the number of bars). */
  public void moments(ReturnMoments moments) {
    returnSum = moments.sum();
    returnSumOfSquares = moments.sumOfSquares();
  }
}

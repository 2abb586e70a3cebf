package io.backtest.strategy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Historical bars of one instrument and timeframe; immutable once stored. */
@Entity
@Table(name = "dataset")
public class Dataset {
  @Id public String id;

  @Column(nullable = false)
  public String symbol;

  /** Bar length, e.g. {@code 1d} (see {@link io.backtest.engine.data.Timeframe}). */
  @Column(nullable = false)
  public String timeframe;

  @Column(name = "bar_count", nullable = false)
  public int barCount;

  /** Open time of the first bar. */
  @Column(name = "first_time", nullable = false)
  public Instant firstTime;

  /** Open time of the last bar. */
  @Column(name = "last_time", nullable = false)
  public Instant lastTime;

  /** Bars in one year, used to annualise metrics. */
  @Column(name = "bars_per_year", nullable = false)
  public double barsPerYear;

  /** {@link DatasetContent#sha256} of the bars. */
  @Column(nullable = false, length = 64)
  public String sha256;

  /** Where the bars came from, for people. */
  @Column(nullable = false)
  public String source;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}

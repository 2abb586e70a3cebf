package io.backtest.strategy.domain;

import io.backtest.engine.data.OhlcvBar;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One bar of a dataset, at position {@code seq} (0-based, in time order). */
@Entity
@Table(name = "dataset_bar")
public class DatasetBar {
  @EmbeddedId public Key key;

  @Column(nullable = false)
  public Instant time;

  @Column(nullable = false)
  public double open;

  @Column(nullable = false)
  public double high;

  @Column(nullable = false)
  public double low;

  @Column(nullable = false)
  public double close;

  @Column(nullable = false)
  public double volume;

  /** The row for bar {@code seq} of a dataset. */
  public static DatasetBar of(String datasetId, int seq, OhlcvBar bar) {
    DatasetBar row = new DatasetBar();
    row.key = new Key(datasetId, seq);
    row.time = bar.time();
    row.open = bar.open();
    row.high = bar.high();
    row.low = bar.low();
    row.close = bar.close();
    row.volume = bar.volume();
    return row;
  }

  /** The bar as the engine reads it. */
  public OhlcvBar toBar() {
    return new OhlcvBar(time, open, high, low, close, volume);
  }

  /** Dataset and position. */
  @Embeddable
  public record Key(@Column(name = "dataset_id") String datasetId, @Column(name = "seq") int seq)
      implements Serializable {}
}

package io.backtest.strategy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A run of bars of a synthetic dataset generated in one regime (the true label), the {@code seq}-th
 * run in time order.
 */
@Entity
@Table(name = "dataset_regime")
public class DatasetRegime {
  @EmbeddedId public Key key;

  @Column(nullable = false)
  public String regime;

  /** First bar of the run, 0-based. */
  @Column(name = "from_index", nullable = false)
  public int fromIndex;

  /** Last bar of the run, inclusive. */
  @Column(name = "to_index", nullable = false)
  public int toIndex;

  /** Open time of the first bar of the run. */
  @Column(name = "from_time", nullable = false)
  public Instant fromTime;

  public static DatasetRegime of(
      String datasetId, int seq, String regime, int fromIndex, int toIndex, Instant fromTime) {
    DatasetRegime row = new DatasetRegime();
    row.key = new Key(datasetId, seq);
    row.regime = regime;
    row.fromIndex = fromIndex;
    row.toIndex = toIndex;
    row.fromTime = fromTime;
    return row;
  }

  /** Dataset and position. */
  @Embeddable
  public record Key(@Column(name = "dataset_id") String datasetId, @Column(name = "seq") int seq)
      implements Serializable {}
}

package io.backtest.strategy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The bars of a dataset in their stored form (see {@link DatasetContent#encode}): one row per
 * dataset instead of one per bar, so a million bars store and load in one value.
 */
@Entity
@Table(name = "dataset_content")
public class DatasetBarContent {
  @Id
  @Column(name = "dataset_id")
  public String datasetId;

  /** {@link DatasetContent#ENCODING} of {@link #content}. */
  @Column(nullable = false)
  public String encoding;

  @Column(nullable = false, columnDefinition = "bytea")
  public byte[] content;

  public static DatasetBarContent of(String datasetId, byte[] content) {
    DatasetBarContent row = new DatasetBarContent();
    row.datasetId = datasetId;
    row.encoding = DatasetContent.ENCODING;
    row.content = content;
    return row;
  }
}

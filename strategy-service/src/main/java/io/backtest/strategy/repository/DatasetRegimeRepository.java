package io.backtest.strategy.repository;

import io.backtest.strategy.domain.DatasetRegime;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The true regime labels of synthetic datasets. */
@ApplicationScoped
public class DatasetRegimeRepository
    implements PanacheRepositoryBase<DatasetRegime, DatasetRegime.Key> {

  /** The runs of a dataset in time order; empty when it has no labels. */
  public Uni<List<DatasetRegime>> runs(String datasetId) {
    return find("key.datasetId", Sort.by("key.seq"), datasetId).list();
  }
}

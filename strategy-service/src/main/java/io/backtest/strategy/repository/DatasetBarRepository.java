package io.backtest.strategy.repository;

import io.backtest.strategy.domain.DatasetBar;
import io.backtest.support.http.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The bars of datasets. */
@ApplicationScoped
public class DatasetBarRepository implements PanacheRepositoryBase<DatasetBar, DatasetBar.Key> {

  /** Every bar of a dataset, in time order. */
  public Uni<List<DatasetBar>> bars(String datasetId) {
    return find("key.datasetId", Sort.by("key.seq"), datasetId).list();
  }

  /** A page of a dataset's bars, in time order. */
  public Uni<List<DatasetBar>> bars(String datasetId, PageRequest request) {
    return Paging.list(find("key.datasetId", Sort.by("key.seq"), datasetId), request);
  }
}

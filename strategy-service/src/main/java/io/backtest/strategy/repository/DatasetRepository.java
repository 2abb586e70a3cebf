package io.backtest.strategy.repository;

import io.backtest.strategy.domain.Dataset;
import io.backtest.support.http.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Datasets. */
@ApplicationScoped
public class DatasetRepository implements PanacheRepositoryBase<Dataset, String> {

  /** A page of datasets ordered by id. */
  public Uni<List<Dataset>> page(PageRequest request) {
    return Paging.list(findAll(Sort.by("id")), request);
  }
}

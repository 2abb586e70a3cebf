package io.backtest.strategy.repository;

import io.backtest.strategy.domain.Dataset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Datasets. */
@ApplicationScoped
public class DatasetRepository implements PanacheRepositoryBase<Dataset, String> {

  /** A page of datasets ordered by id. */
  public Uni<List<Dataset>> page(int page, int size) {
    return findAll(Sort.by("id")).page(Page.of(page, size)).list();
  }
}

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

  /**
   * The newest dataset of a market: the one whose bars reach furthest, the latest stored among
   * those; null when there is none.
   */
  public Uni<Dataset> newest(String symbol, String timeframe) {
    return find(
            "symbol = ?1 and timeframe = ?2",
            Sort.descending("lastTime").and("createdAt", Sort.Direction.Descending).and("id"),
            symbol,
            timeframe)
        .firstResult();
  }
}

package io.backtest.strategy.repository;

import io.backtest.strategy.domain.Dataset;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Datasets. */
@ApplicationScoped
public class DatasetRepository implements PanacheRepositoryBase<Dataset, String> {

  /**
   * What the dataset list sorts by; by default by id. A few rows (one per upload or generated
   * dataset; the bars are elsewhere), sorted whole.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("id")
          .field("id", "id")
          .field("symbol", "symbol")
          .field("barCount", "barCount")
          .field("from", "firstTime")
          .field("to", "lastTime")
          .field("createdAt", "createdAt")
          .byDefault("id");

  /** A page of datasets in {@code order}. */
  public Uni<List<Dataset>> page(PageRequest request, SortRequest order) {
    return Paging.list(findAll(PanacheSort.of(order)), request);
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

package io.backtest.strategy.repository;

import io.backtest.support.http.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** The rows of one page of a query. */
final class Paging {
  private Paging() {}

  /**
   * The rows of {@code request}'s page. Panache addresses rows by an int offset: a page beyond it
   * holds no rows (no table comes near 2³¹ rows), so it is answered empty without a query.
   */
  static <T> Uni<List<T>> list(PanacheQuery<T> query, PageRequest request) {
    if (request.offset() > Integer.MAX_VALUE - request.size()) {
      return Uni.createFrom().item(List.of());
    }
    return query.page(Page.of(request.page(), request.size())).list();
  }
}

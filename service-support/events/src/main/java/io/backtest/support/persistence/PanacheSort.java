package io.backtest.support.persistence;

import io.backtest.support.http.SortRequest;
import io.quarkus.panache.common.Sort;

/** A list's validated order as Panache's {@link Sort}. */
public final class PanacheSort {
  private PanacheSort() {}

  /** The keys of {@code order}, in order, on their entity properties. */
  public static Sort of(SortRequest order) {
    Sort sort = Sort.empty();
    for (SortRequest.Key key : order.keys()) {
      Sort.Direction direction =
          key.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
      sort =
          key.nullsLast()
              ? sort.and(key.column(), direction, Sort.NullPrecedence.NULLS_LAST)
              : sort.and(key.column(), direction);
    }
    return sort;
  }
}

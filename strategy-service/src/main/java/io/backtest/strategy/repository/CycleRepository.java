package io.backtest.strategy.repository;

import io.backtest.strategy.domain.Cycle;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Cycles. */
@ApplicationScoped
public class CycleRepository implements PanacheRepositoryBase<Cycle, UUID> {

  /**
   * What the cycle list sorts by; by default newest first. Cycles are few (each one an operator's
   * request or a change of market regime), so an order without an index sorts little.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("id")
          .field("createdAt", "createdAt")
          .field("status", "status")
          .nullsLast("completedAt", "completedAt")
          .byDefault("-createdAt");

  /** A page of cycles in {@code order}. */
  public Uni<List<Cycle>> page(PageRequest request, SortRequest order) {
    return Paging.list(findAll(PanacheSort.of(order)), request);
  }

  /**
   * Counts one completed backtest, atomically: several workers finish backtests of one cycle at
   * once, and a read-modify-write would lose some.
   */
  public Uni<Integer> countBacktested(UUID cycleId) {
    return update("backtested = backtested + 1 where id = ?1", cycleId);
  }

  /** Counts one failed backtest, atomically (see {@link #countBacktested}). */
  public Uni<Integer> countFailed(UUID cycleId) {
    return update("failed = failed + 1 where id = ?1", cycleId);
  }
}

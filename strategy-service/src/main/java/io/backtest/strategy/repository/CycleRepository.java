package io.backtest.strategy.repository;

import io.backtest.strategy.domain.Cycle;
import io.backtest.support.http.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Cycles. */
@ApplicationScoped
public class CycleRepository implements PanacheRepositoryBase<Cycle, UUID> {

  /** A page of cycles, newest first. */
  public Uni<List<Cycle>> newestFirst(PageRequest request) {
    return Paging.list(
        findAll(Sort.descending("createdAt").and("id", Sort.Direction.Descending)), request);
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

package io.backtest.scoring.repository;

import io.backtest.scoring.domain.Verdict;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The promotion gate's verdicts on each cycle's ranked candidates. */
@ApplicationScoped
public class VerdictRepository implements PanacheRepositoryBase<Verdict, Verdict.Key> {

  /** The verdicts of a cycle on the given strategies; empty while the cycle is not decided. */
  public Uni<List<Verdict>> findOf(UUID cycleId, Collection<UUID> strategyIds) {
    if (strategyIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return find("cycleId = ?1 and strategyId in ?2", cycleId, strategyIds).list();
  }

  /** The verdict of a cycle on one strategy, or null. */
  public Uni<Verdict> findOne(UUID cycleId, UUID strategyId) {
    return find("cycleId = ?1 and strategyId = ?2", cycleId, strategyId).firstResult();
  }
}

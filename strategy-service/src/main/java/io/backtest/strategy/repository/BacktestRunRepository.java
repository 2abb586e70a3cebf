package io.backtest.strategy.repository;

import io.backtest.strategy.domain.BacktestRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Backtest runs. */
@ApplicationScoped
public class BacktestRunRepository implements PanacheRepositoryBase<BacktestRun, UUID> {

  /** The runs of the given strategies. */
  public Uni<List<BacktestRun>> ofStrategies(Collection<UUID> strategyIds) {
    if (strategyIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("strategyId in ?1", strategyIds);
  }

  /** The run of one strategy, or null. */
  public Uni<BacktestRun> ofStrategy(UUID strategyId) {
    return find("strategyId", strategyId).firstResult();
  }

  /** The runs of a cycle. */
  public Uni<List<BacktestRun>> ofCycle(UUID cycleId) {
    return list("cycleId", cycleId);
  }
}

package io.backtest.scoring.repository;

import io.backtest.scoring.domain.CycleDecision;
import io.backtest.scoring.domain.CycleDecision.Kind;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/** What each cycle's decision did: the strategies it promoted and demoted. */
@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<CycleDecision, CycleDecision.Key> {

  /** The strategies a cycle's decision promoted; empty while it is not decided. */
  public Uni<Set<UUID>> findPromoted(UUID cycleId) {
    return find(
            "select d.strategyId from CycleDecision d where d.cycleId = ?1 and d.decision = ?2",
            cycleId,
            Kind.PROMOTED)
        .project(UUID.class)
        .list()
        .map(Set::copyOf);
  }
}

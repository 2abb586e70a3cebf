package io.backtest.scoring.repository;

import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.StrategyResult;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Backtest outcomes per cycle and the ranking queries over them. */
@ApplicationScoped
public class ResultRepository implements PanacheRepositoryBase<StrategyResult, UUID> {

  /** A cycle's ranked results, best first (ranks are written when the cycle closes). */
  private static final String RANKED =
      "from StrategyResult r where r.cycleId = ?1 and r.rank is not null";

  /** The outcome already recorded for a strategy in a cycle, or null. */
  public Uni<StrategyResult> findOutcome(UUID cycleId, UUID strategyId) {
    return find("cycleId = ?1 and strategyId = ?2", cycleId, strategyId).firstResult();
  }

  /**
   * The scored results counted in a cycle, by strategy id (PostgreSQL's uuid order, which is the
   * ids' text order): a fixed order, so that the same results always give the same numbers to the
   * last bit.
   */
  public Uni<List<StrategyResult>> findCounted(UUID cycleId) {
    return find(
            "from StrategyResult r where r.cycleId = ?1 and r.outcome = ?2 and r.late = false"
                + " order by r.strategyId",
            cycleId,
            Outcome.SCORED)
        .list();
  }

  /** One page of a cycle's ranked results, best first. */
  @WithSession
  public Uni<List<StrategyResult>> rankedPage(UUID cycleId, int page, int size) {
    return find(RANKED + " order by r.rank", cycleId).page(Page.of(page, size)).list();
  }

  /** Results ranked in a cycle; 0 until it closed. */
  @WithSession
  public Uni<Long> countRanked(UUID cycleId) {
    return find(RANKED, cycleId).count();
  }

  /** The latest scored result of a strategy (ranked or not), or null. */
  @WithSession
  public Uni<StrategyResult> findLatestScored(UUID strategyId) {
    return find(
            "strategyId = ?1 and outcome = ?2",
            Sort.descending("receivedAt"),
            strategyId,
            Outcome.SCORED)
        .firstResult();
  }

  /** The latest outcome of a strategy, scored or failed, or null. */
  @WithSession
  public Uni<StrategyResult> findLatest(UUID strategyId) {
    return find("strategyId", Sort.descending("receivedAt"), strategyId).firstResult();
  }
}

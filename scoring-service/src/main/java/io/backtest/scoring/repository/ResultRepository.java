package io.backtest.scoring.repository;

import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.ScoreLine;
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

  /** The ranking order; {@link io.backtest.scoring.domain.Ranking#ORDER} is the same in Java. */
  private static final Sort RANKING =
      Sort.by("score", Sort.Direction.Descending).and("strategyId", Sort.Direction.Ascending);

  private static final String RANKED = "cycleId = ?1 and outcome = ?2 and late = false";

  /** The outcome already recorded for a strategy in a cycle, or null. */
  public Uni<StrategyResult> findOutcome(UUID cycleId, UUID strategyId) {
    return find("cycleId = ?1 and strategyId = ?2", cycleId, strategyId).firstResult();
  }

  /** What the ranking of a cycle needs, for every result counted in it. */
  public Uni<List<ScoreLine>> scoreLines(UUID cycleId) {
    return find(RANKED, cycleId, Outcome.SCORED).project(ScoreLine.class).list();
  }

  /** One page of a cycle's ranked results, best first. */
  @WithSession
  public Uni<List<StrategyResult>> rankedPage(UUID cycleId, int page, int size) {
    return find(RANKED, RANKING, cycleId, Outcome.SCORED).page(Page.of(page, size)).list();
  }

  /** Results counted in a cycle's ranking. */
  @WithSession
  public Uni<Long> countRanked(UUID cycleId) {
    return count(RANKED, cycleId, Outcome.SCORED);
  }

  /**
   * The rank of a counted result in its cycle: one more than the results ahead of it in the ranking
   * order.
   */
  @WithSession
  public Uni<Integer> rankOf(StrategyResult result) {
    return count(
            RANKED + " and (score > ?3 or (score = ?3 and strategyId < ?4))",
            result.cycleId,
            Outcome.SCORED,
            result.score,
            result.strategyId)
        .map(ahead -> Math.toIntExact(ahead + 1));
  }

  /** The latest scored result of a strategy, or null. */
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

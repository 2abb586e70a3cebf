package io.backtest.scoring.service;

import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.ScoringCycle;
import io.backtest.scoring.domain.ScoringModel;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.mapping.ScoringMapper;
import io.backtest.scoring.repository.CycleRepository;
import io.backtest.scoring.repository.DecisionRepository;
import io.backtest.scoring.repository.ResultRepository;
import io.backtest.scoring.repository.StandingRepository;
import io.backtest.scoring.rest.CycleScoring;
import io.backtest.scoring.rest.LeaderboardItem;
import io.backtest.scoring.rest.LeaderboardPage;
import io.backtest.scoring.rest.Scorecard;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the API reads: cycle progress, leaderboards, scorecards. */
@ApplicationScoped
public class ScoringQueries {
  private final CycleRepository cycles;
  private final ResultRepository results;
  private final StandingRepository standings;
  private final DecisionRepository decisions;
  private final ScoringModel model;

  public ScoringQueries(
      CycleRepository cycles,
      ResultRepository results,
      StandingRepository standings,
      DecisionRepository decisions,
      ScoringModel model) {
    this.cycles = cycles;
    this.results = results;
    this.standings = standings;
    this.decisions = decisions;
    this.model = model;
  }

  /** A cycle's scoring progress; fails with 404 for an unknown cycle. */
  @WithSession
  public Uni<CycleScoring> findCycleScoring(UUID cycleId) {
    return findCycle(cycleId).map(ScoringMapper::cycleScoring);
  }

  /**
   * One page of a cycle's ranking. Ranks are positions in the whole cycle's order, also while
   * results are still coming in; {@code promoted} is what the cycle's decision did, so the page of
   * a {@code COMPLETED} cycle never changes. Fails with 404 for an unknown cycle.
   */
  @WithSession
  public Uni<LeaderboardPage> findLeaderboard(UUID cycleId, PageRequest request) {
    return findCycle(cycleId)
        .chain(
            cycle ->
                results
                    .countRanked(cycleId)
                    .chain(total -> rankedPage(cycleId, request, total))
                    .map(page -> ScoringMapper.leaderboardPage(cycle, page)));
  }

  /**
   * A strategy's score, rank and standing; fails with 404 when no backtest of it was scored (and
   * says why when its backtest failed).
   */
  @WithSession
  public Uni<Scorecard> findScorecard(UUID strategyId) {
    return results
        .findLatestScored(strategyId)
        .chain(
            row -> {
              if (row == null) {
                return results.findLatest(strategyId).map(other -> noScorecard(strategyId, other));
              }
              Uni<Integer> rank = row.late ? Uni.createFrom().nullItem() : results.rankOf(row);
              return rank.chain(
                  r ->
                      standings
                          .findById(strategyId)
                          .map(
                              standing ->
                                  ScoringMapper.scorecard(row, r, model.formula(), standing)));
            });
  }

  private Uni<ScoringCycle> findCycle(UUID cycleId) {
    return cycles
        .findById(cycleId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Cycle", cycleId));
  }

  private Uni<Page<LeaderboardItem>> rankedPage(UUID cycleId, PageRequest request, long total) {
    if (request.offset() >= total) {
      // past the end (also where page × size would not even fit a query's offset)
      return Uni.createFrom().item(Page.of(List.of(), request, total));
    }
    return results
        .rankedPage(cycleId, request.page(), request.size())
        .chain(
            rows ->
                decisions
                    .findPromoted(cycleId)
                    .map(
                        promoted -> {
                          List<LeaderboardItem> items = new ArrayList<>(rows.size());
                          for (StrategyResult row : rows) {
                            int rank = Math.toIntExact(request.offset() + items.size() + 1);
                            items.add(
                                ScoringMapper.leaderboardItem(
                                    rank, row, promoted.contains(row.strategyId)));
                          }
                          return Page.of(items, request, total);
                        }));
  }

  private static Scorecard noScorecard(UUID strategyId, StrategyResult other) {
    if (other != null && other.outcome == Outcome.FAILED) {
      throw new ProblemException(
          404,
          "Not Found",
          "Strategy "
              + strategyId
              + " has no scorecard: its backtest "
              + other.backtestId
              + " failed: "
              + other.failureReason,
          List.of());
    }
    throw ProblemException.notFound("Scorecard of strategy", strategyId);
  }
}

package io.backtest.scoring.service;

import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.ScoringCycle;
import io.backtest.scoring.domain.ScoringModel;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.domain.StrategyStanding;
import io.backtest.scoring.mapping.ScoringMapper;
import io.backtest.scoring.repository.CycleRepository;
import io.backtest.scoring.repository.ResultRepository;
import io.backtest.scoring.repository.StandingRepository;
import io.backtest.scoring.rest.CycleScoring;
import io.backtest.scoring.rest.LeaderboardItem;
import io.backtest.scoring.rest.LeaderboardPage;
import io.backtest.scoring.rest.Scorecard;
import io.backtest.support.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the API reads: cycle progress, leaderboards, scorecards. */
@ApplicationScoped
public class ScoringQueries {
  private final CycleRepository cycles;
  private final ResultRepository results;
  private final StandingRepository standings;
  private final ScoringModel model;

  public ScoringQueries(
      CycleRepository cycles,
      ResultRepository results,
      StandingRepository standings,
      ScoringModel model) {
    this.cycles = cycles;
    this.results = results;
    this.standings = standings;
    this.model = model;
  }

  /** A cycle's scoring progress; fails with 404 for an unknown cycle. */
  @WithSession
  public Uni<CycleScoring> findCycleScoring(UUID cycleId) {
    return findCycle(cycleId).map(ScoringMapper::cycleScoring);
  }

  /**
   * One page of a cycle's ranking. Ranks are positions in the whole cycle's order, also while
   * results are still coming in; fails with 404 for an unknown cycle.
   */
  @WithSession
  public Uni<LeaderboardPage> findLeaderboard(UUID cycleId, int page, int size) {
    return findCycle(cycleId)
        .chain(
            cycle ->
                results
                    .countRanked(cycleId)
                    .chain(
                        total ->
                            results
                                .rankedPage(cycleId, page, size)
                                .chain(rows -> items(rows, page * size))
                                .map(
                                    items -> {
                                      var progress = ScoringMapper.cycleScoring(cycle);
                                      return new LeaderboardPage(
                                          cycleId,
                                          cycle.status,
                                          cycle.expected,
                                          progress.scored(),
                                          progress.failed(),
                                          items,
                                          page,
                                          size,
                                          total);
                                    })));
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

  private Uni<List<LeaderboardItem>> items(List<StrategyResult> rows, int offset) {
    List<UUID> ids = rows.stream().map(r -> r.strategyId).toList();
    return standings
        .findByIds(ids)
        .map(
            found -> {
              Map<UUID, StrategyStanding> byId =
                  found.stream().collect(Collectors.toMap(s -> s.strategyId, Function.identity()));
              List<LeaderboardItem> items = new ArrayList<>(rows.size());
              for (int i = 0; i < rows.size(); i++) {
                StrategyResult row = rows.get(i);
                StrategyStanding standing = byId.get(row.strategyId);
                items.add(
                    ScoringMapper.leaderboardItem(
                        offset + i + 1, row, standing != null && standing.promoted));
              }
              return items;
            });
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

package io.backtest.scoring.service;

import io.backtest.contracts.events.Correlations;
import io.backtest.scoring.config.ScoringConfig;
import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.ScoreFormula;
import io.backtest.scoring.domain.ScoringCycle;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.domain.Verdict;
import io.backtest.scoring.mapping.ScoringMapper;
import io.backtest.scoring.repository.CorrelationRepository;
import io.backtest.scoring.repository.CycleRepository;
import io.backtest.scoring.repository.DecisionRepository;
import io.backtest.scoring.repository.ResultRepository;
import io.backtest.scoring.repository.StandingRepository;
import io.backtest.scoring.repository.VerdictRepository;
import io.backtest.scoring.rest.CycleScoring;
import io.backtest.scoring.rest.LeaderboardItem;
import io.backtest.scoring.rest.LeaderboardPage;
import io.backtest.scoring.rest.Scorecard;
import io.backtest.scoring.rest.ScorecardCorrelations;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the API reads: cycle progress, leaderboards, scorecards. */
@ApplicationScoped
public class ScoringQueries {
  private final CycleRepository cycles;
  private final ResultRepository results;
  private final StandingRepository standings;
  private final DecisionRepository decisions;
  private final VerdictRepository verdicts;
  private final CorrelationRepository correlations;
  private final ScoringConfig config;

  public ScoringQueries(
      CycleRepository cycles,
      ResultRepository results,
      StandingRepository standings,
      DecisionRepository decisions,
      VerdictRepository verdicts,
      CorrelationRepository correlations,
      ScoringConfig config) {
    this.cycles = cycles;
    this.results = results;
    this.standings = standings;
    this.decisions = decisions;
    this.verdicts = verdicts;
    this.correlations = correlations;
    this.config = config;
  }

  /** A cycle's scoring progress and diagnostics; fails with 404 for an unknown cycle. */
  @WithSession
  public Uni<CycleScoring> findCycleScoring(UUID cycleId) {
    return findCycle(cycleId).map(ScoringMapper::cycleScoring);
  }

  /**
   * One page of a cycle's ranking, with the cycle's diagnostics. Empty while the cycle is open:
   * scores exist only once it closed. {@code promoted} and {@code verdict} are what the cycle's
   * decision did, so the page of a {@code COMPLETED} cycle never changes. Fails with 404 for an
   * unknown cycle.
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
   * A strategy's scorecard: score, rank, every statistic, the gate's verdict, its correlations, its
   * cycle's diagnostics and its live standing; fails with 404 when no backtest of it completed (and
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
              return cycles
                  .findById(row.cycleId)
                  .chain(
                      cycle ->
                          verdicts
                              .findOne(row.cycleId, strategyId)
                              .chain(
                                  verdict ->
                                      correlationsOf(row)
                                          .chain(
                                              correlation ->
                                                  standings
                                                      .findById(strategyId)
                                                      .map(
                                                          standing ->
                                                              ScoringMapper.scorecard(
                                                                  row,
                                                                  cycle,
                                                                  standing,
                                                                  ScoringMapper.scorecardVerdict(
                                                                      cycle, verdict),
                                                                  correlation,
                                                                  formula(row, cycle))))));
            });
  }

  /** How a result's score is (or will be) computed. */
  private String formula(StrategyResult row, ScoringCycle cycle) {
    if (row.rank != null && row.statistics == null) {
      return ScoringMapper.LEGACY_FORMULA;
    }
    return ScoreFormula.describe(
        cycle.weights != null ? cycle.weights : config.weights().toScoringWeights());
  }

  /** A ranked result's correlations from its cycle's close; null otherwise. */
  private Uni<ScorecardCorrelations> correlationsOf(StrategyResult row) {
    if (row.rank == null) {
      return Uni.createFrom().nullItem();
    }
    return correlations
        .findById(row.cycleId)
        .map(
            stored -> {
              Correlations decoded = stored == null ? null : stored.correlations;
              return ScoringMapper.scorecardCorrelations(row.strategyId, decoded);
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
                    .chain(
                        promoted ->
                            verdicts
                                .findOf(cycleId, rows.stream().map(r -> r.strategyId).toList())
                                .map(
                                    found -> {
                                      Map<UUID, String> outcomes = new HashMap<>();
                                      for (Verdict v : found) {
                                        outcomes.put(v.strategyId, v.outcome);
                                      }
                                      List<LeaderboardItem> items = new ArrayList<>(rows.size());
                                      for (StrategyResult row : rows) {
                                        items.add(
                                            ScoringMapper.leaderboardItem(
                                                row,
                                                outcomes.get(row.strategyId),
                                                promoted.contains(row.strategyId)));
                                      }
                                      return Page.of(items, request, total);
                                    })));
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

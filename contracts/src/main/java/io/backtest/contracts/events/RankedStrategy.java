package io.backtest.contracts.events;

import java.util.List;
import java.util.UUID;

/**
 * One line of a cycle's ranking.
 *
 * @param rank 1 for the best
 * @param strategyId the candidate
 * @param score composite score
 * @param statistics what the score and the promotion gates are computed from
 * @param regimes its out-of-sample record per regime of the dataset, by detector and regime; empty
 *     when the dataset's regimes are unknown
 */
public record RankedStrategy(
    int rank,
    UUID strategyId,
    double score,
    CandidateStatistics statistics,
    List<RegimePerformance> regimes) {
  public RankedStrategy {
    Checks.atLeast(rank, 1, "rank");
    Checks.present(strategyId, "strategyId");
    Checks.finite(score, "score");
    Checks.present(statistics, "statistics");
    regimes = List.copyOf(Checks.present(regimes, "regimes"));
  }

  /** A line without per-regime figures (the dataset's regimes are unknown). */
  public RankedStrategy(int rank, UUID strategyId, double score, CandidateStatistics statistics) {
    this(rank, strategyId, score, statistics, List.of());
  }

  /** This line with the given per-regime figures. */
  public RankedStrategy withRegimes(List<RegimePerformance> newRegimes) {
    return new RankedStrategy(rank, strategyId, score, statistics, newRegimes);
  }
}

package io.backtest.contracts.events;

import java.util.UUID;

/**
 * One line of a cycle's ranking.
 *
 * @param rank 1 for the best
 * @param strategyId the candidate
 * @param score composite score
 * @param statistics what the score and the promotion gates are computed from
 */
public record RankedStrategy(
    int rank, UUID strategyId, double score, CandidateStatistics statistics) {
  public RankedStrategy {
    Checks.atLeast(rank, 1, "rank");
    Checks.present(strategyId, "strategyId");
    Checks.finite(score, "score");
    Checks.present(statistics, "statistics");
  }
}

package io.backtest.contracts.events;

import java.util.UUID;

/**
 * One line of a cycle's ranking.
 *
 * @param rank 1 for the best
 * @param strategyId the candidate
 * @param score composite score
 * @param totalReturn total return of its backtest
 * @param sharpe annualised Sharpe ratio of its backtest
 * @param maxDrawdown maximum drawdown of its backtest
 */
public record RankedStrategy(
    int rank,
    UUID strategyId,
    double score,
    double totalReturn,
    double sharpe,
    double maxDrawdown) {
  public RankedStrategy {
    Checks.atLeast(rank, 1, "rank");
    Checks.present(strategyId, "strategyId");
    Checks.finite(score, "score");
    Checks.finite(totalReturn, "totalReturn");
    Checks.finite(sharpe, "sharpe");
    Checks.finite(maxDrawdown, "maxDrawdown");
  }
}

package io.backtest.scoring.domain;

import java.util.UUID;

/**
 * What a cycle's ranking needs of one scored result.
 *
 * @param strategyId the candidate
 * @param score its score
 * @param totalReturn total return of its backtest
 * @param sharpe annualised Sharpe ratio of its backtest
 * @param maxDrawdown maximum drawdown of its backtest
 */
public record ScoreLine(
    UUID strategyId, double score, double totalReturn, double sharpe, double maxDrawdown) {}

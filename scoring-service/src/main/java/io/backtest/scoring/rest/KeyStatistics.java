package io.backtest.scoring.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The statistics a leaderboard line shows of a ranked candidate, computed by scoring from its
 * out-of-sample returns when the cycle closed (the scorecard shows all of them).
 *
 * @param deflatedSharpe DSR: probability that the Sharpe ratio beats the best of {@code trials} by
 *     luck
 * @param probabilisticSharpe PSR: probability that the Sharpe ratio is above 0
 * @param sharpe annualised Sharpe ratio
 * @param sortino annualised Sortino ratio
 * @param calmar annual return over maximum drawdown; 0 without a drawdown
 * @param maxDrawdown maximum drawdown, a positive fraction
 * @param tStatistic t-statistic of the mean return
 * @param foldConsistency share of profitable out-of-sample folds; null without walk-forward
 * @param tradeCount trades taken
 * @param backtestYears years the returns cover
 * @param minBacktestYears minimum backtest length for the trials at this Sharpe ratio, in years
 */
@Schema(description = "Key statistics of a ranked candidate, from its out-of-sample returns.")
public record KeyStatistics(
    @Schema(description = "Deflated Sharpe ratio (DSR), a probability.") double deflatedSharpe,
    @Schema(description = "Probabilistic Sharpe ratio (PSR) against 0, a probability.")
        double probabilisticSharpe,
    @Schema(description = "Annualised Sharpe ratio.") double sharpe,
    double sortino,
    @Schema(description = "Annual return over maximum drawdown; 0 without a drawdown.")
        double calmar,
    double maxDrawdown,
    @Schema(description = "t-statistic of the mean return: mean / (stdev / √T).") double tStatistic,
    @Schema(nullable = true, description = "Share of profitable out-of-sample folds.")
        Double foldConsistency,
    int tradeCount,
    @Schema(description = "Years the out-of-sample returns cover.") double backtestYears,
    @Schema(
            description =
                "Minimum backtest length for the trials at this Sharpe ratio, in years (the"
                    + " largest double when it is unbounded).")
        double minBacktestYears) {}

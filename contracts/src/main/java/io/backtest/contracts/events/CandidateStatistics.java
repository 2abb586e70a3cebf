package io.backtest.contracts.events;

/**
 * What scoring computed from one candidate's stitched out-of-sample returns (or, without a
 * walk-forward analysis, its whole backtest's returns). Ratios are annualised with {@code
 * pointsPerYear} unless they say per period; a period is one point of the return series.
 *
 * @param points number of return points (T)
 * @param pointsPerYear points per year, to annualise
 * @param backtestYears years the points cover, {@code points / pointsPerYear}
 * @param totalReturn compounded return over all points
 * @param annualReturn annualised compounded return (CAGR)
 * @param volatility annualised standard deviation of returns
 * @param sharpe annualised Sharpe ratio (risk-free rate 0)
 * @param sortino annualised Sortino ratio (target 0)
 * @param calmar annual return over maximum drawdown; 0 without a drawdown
 * @param maxDrawdown maximum peak-to-trough fall of equity, a positive fraction
 * @param profitFactor gross profit over gross loss of the trades
 * @param winRate share of winning trades
 * @param tradeCount trades taken
 * @param foldConsistency share of out-of-sample folds that made money; null without walk-forward
 * @param tStatistic t-statistic of the mean return, {@code mean / (stdev / √T)}
 * @param efficiency walk-forward efficiency (diagnostic only); null when undefined
 * @param skewness skewness of the returns (0 when undefined)
 * @param kurtosis raw kurtosis of the returns, 3 for a normal distribution (3 when undefined)
 * @param meanReturn mean return per period
 * @param returnStdev standard deviation of returns per period
 * @param probabilisticSharpe PSR against a Sharpe ratio of 0
 * @param deflatedSharpe DSR: PSR against the Sharpe ratio the best of {@code trials} would reach by
 *     luck
 * @param expectedMaxSharpe that benchmark, annualised (SR₀ of the DSR)
 * @param trials number of trials the DSR and the minimum backtest length account for
 * @param minBacktestYears minimum backtest length for {@code trials} at this Sharpe ratio, in
 *     years; +∞ is reported as the largest double
 */
public record CandidateStatistics(
    int points,
    double pointsPerYear,
    double backtestYears,
    double totalReturn,
    double annualReturn,
    double volatility,
    double sharpe,
    double sortino,
    double calmar,
    double maxDrawdown,
    double profitFactor,
    double winRate,
    int tradeCount,
    Double foldConsistency,
    double tStatistic,
    Double efficiency,
    double skewness,
    double kurtosis,
    double meanReturn,
    double returnStdev,
    double probabilisticSharpe,
    double deflatedSharpe,
    double expectedMaxSharpe,
    long trials,
    double minBacktestYears) {

  public CandidateStatistics {
    Checks.atLeast(points, 0, "points");
    Checks.finite(pointsPerYear, "pointsPerYear");
    Checks.finite(backtestYears, "backtestYears");
    Checks.finite(totalReturn, "totalReturn");
    Checks.finite(annualReturn, "annualReturn");
    Checks.finite(volatility, "volatility");
    Checks.finite(sharpe, "sharpe");
    Checks.finite(sortino, "sortino");
    Checks.finite(calmar, "calmar");
    Checks.finite(maxDrawdown, "maxDrawdown");
    Checks.finite(profitFactor, "profitFactor");
    Checks.finite(winRate, "winRate");
    Checks.atLeast(tradeCount, 0, "tradeCount");
    Checks.finiteOrNull(foldConsistency, "foldConsistency");
    Checks.finite(tStatistic, "tStatistic");
    Checks.finiteOrNull(efficiency, "efficiency");
    Checks.finite(skewness, "skewness");
    Checks.finite(kurtosis, "kurtosis");
    Checks.finite(meanReturn, "meanReturn");
    Checks.finite(returnStdev, "returnStdev");
    Checks.finite(probabilisticSharpe, "probabilisticSharpe");
    Checks.finite(deflatedSharpe, "deflatedSharpe");
    Checks.finite(expectedMaxSharpe, "expectedMaxSharpe");
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1 but was " + trials);
    }
    Checks.finite(minBacktestYears, "minBacktestYears");
  }
}

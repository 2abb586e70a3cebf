package io.backtest.contracts.events;

/**
 * What a promoted strategy's out-of-sample record leads to expect live: the baseline drift
 * detection compares live behaviour with.
 *
 * @param annualReturn annualised compounded return
 * @param volatility annualised standard deviation of returns
 * @param sharpe annualised Sharpe ratio
 * @param maxDrawdown maximum drawdown, a positive fraction
 * @param meanReturn mean return per period
 * @param returnStdev standard deviation of returns per period
 * @param pointsPerYear periods per year of the two figures above
 * @param barsPerPoint dataset bars per period (1 when the figures are per bar)
 * @param tradesPerYear trades per year
 * @param deflatedSharpe deflated Sharpe ratio at promotion
 */
public record ExpectedPerformance(
    double annualReturn,
    double volatility,
    double sharpe,
    double maxDrawdown,
    double meanReturn,
    double returnStdev,
    double pointsPerYear,
    int barsPerPoint,
    double tradesPerYear,
    double deflatedSharpe) {

  public ExpectedPerformance {
    Checks.finite(annualReturn, "annualReturn");
    Checks.finite(volatility, "volatility");
    Checks.finite(sharpe, "sharpe");
    Checks.finite(maxDrawdown, "maxDrawdown");
    Checks.finite(meanReturn, "meanReturn");
    Checks.finite(returnStdev, "returnStdev");
    Checks.finite(pointsPerYear, "pointsPerYear");
    Checks.atLeast(barsPerPoint, 1, "barsPerPoint");
    Checks.finite(tradesPerYear, "tradesPerYear");
    Checks.finite(deflatedSharpe, "deflatedSharpe");
  }
}

package io.backtest.contracts.events;

/**
 * A candidate's out-of-sample record restricted to the points in one regime of one detector (a
 * point belongs to the regime of its last bar). Ratios are annualised as {@link
 * CandidateStatistics}' are, with its {@code pointsPerYear}.
 *
 * @param detector which detector labelled the bars ({@code volatility} or {@code trend})
 * @param regime the regime
 * @param points out-of-sample points in the regime, at least 1
 * @param meanReturn mean return per point in the regime
 * @param sharpe annualised Sharpe ratio of those points (risk-free rate 0); 0 when undefined (fewer
 *     than two points, or no variation)
 * @param totalReturn compounded return of those points, as if held only in this regime
 * @param share fraction of the candidate's out-of-sample points that are in the regime, in (0, 1]
 */
public record RegimePerformance(
    String detector,
    String regime,
    int points,
    double meanReturn,
    double sharpe,
    double totalReturn,
    double share) {

  public RegimePerformance {
    RegimeRun.checkRegime(detector, regime);
    Checks.atLeast(points, 1, "points");
    Checks.finite(meanReturn, "meanReturn");
    Checks.finite(sharpe, "sharpe");
    Checks.finite(totalReturn, "totalReturn");
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1] but was " + share);
    }
  }
}

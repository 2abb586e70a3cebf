package io.backtest.contracts.events;

/**
 * Performance of one backtest. Ratios are fractions (0.12 = 12 %); annualised figures use the
 * dataset's {@code barsPerYear}.
 *
 * @param totalReturn final equity / initial equity − 1
 * @param cagr compound annual growth rate
 * @param sharpe annualised Sharpe ratio of per-bar returns, risk-free rate 0
 * @param sortino annualised Sortino ratio, target return 0
 * @param maxDrawdown largest peak-to-trough fall of equity, as a positive fraction
 * @param volatility annualised standard deviation of per-bar returns
 * @param tradeCount closed and open trades
 * @param winRate share of closed trades with a positive result
 * @param profitFactor gross profit / gross loss of closed trades; null when there was no loss
 * @param exposure share of bars with an open position
 * @param barCount bars in the evaluated series
 */
public record BacktestMetrics(
    double totalReturn,
    double cagr,
    double sharpe,
    double sortino,
    double maxDrawdown,
    double volatility,
    int tradeCount,
    double winRate,
    Double profitFactor,
    double exposure,
    int barCount) {
  public BacktestMetrics {
    Checks.finite(totalReturn, "totalReturn");
    Checks.finite(cagr, "cagr");
    Checks.finite(sharpe, "sharpe");
    Checks.finite(sortino, "sortino");
    Checks.finite(maxDrawdown, "maxDrawdown");
    Checks.finite(volatility, "volatility");
    Checks.atLeast(tradeCount, 0, "tradeCount");
    Checks.finite(winRate, "winRate");
    if (profitFactor != null) {
      Checks.finite(profitFactor, "profitFactor");
    }
    Checks.finite(exposure, "exposure");
    Checks.atLeast(barCount, 0, "barCount");
  }
}

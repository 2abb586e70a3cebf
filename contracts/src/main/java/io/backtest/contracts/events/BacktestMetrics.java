package io.backtest.contracts.events;

/**
 * Performance of one backtest, computed from its per-bar equity. Ratios are fractions (0.12 = 12
 * %); annualised figures use the dataset's {@code barsPerYear}; money figures are in the currency
 * of the backtest's starting capital. A value that is undefined for the record (a ratio over zero,
 * a mean of nothing) is {@code null}, never a stand-in number: JSON has no infinity, and a stand-in
 * would poison averages downstream.
 *
 * @param totalReturn final equity / initial equity − 1
 * @param cagr compound annual growth rate
 * @param sharpe annualised Sharpe ratio: mean / sample standard deviation (n − 1) of per-bar
 *     returns × √barsPerYear, risk-free rate 0
 * @param sortino annualised Sortino ratio, target return 0
 * @param maxDrawdown largest peak-to-trough fall of equity, as a positive fraction
 * @param maxDrawdownBars the longest drawdown in bars: from a peak to the bar that regains it, or
 *     to the last bar when it never does
 * @param calmar CAGR / maximum drawdown; null without a drawdown
 * @param volatility annualised sample standard deviation of per-bar returns
 * @param tradeCount closed and open trades
 * @param winRate share of closed trades with a positive result; 0 without closed trades
 * @param profitFactor gross profit / gross loss of closed trades; null when there was no loss
 * @param avgWin mean P&amp;L of the winning closed trades; null without one
 * @param avgLoss mean P&amp;L of the losing closed trades, a negative number; null without one
 * @param expectancy mean P&amp;L per closed trade; null without closed trades
 * @param exposure share of bars with an open position
 * @param skewness sample skewness of per-bar returns; null with fewer than 3 or constant returns
 * @param kurtosis raw (not excess) sample kurtosis of per-bar returns, about 3 for normal returns;
 *     null with fewer than 4 or constant returns
 * @param barCount bars in the evaluated series
 */
public record BacktestMetrics(
    double totalReturn,
    double cagr,
    double sharpe,
    double sortino,
    double maxDrawdown,
    int maxDrawdownBars,
    Double calmar,
    double volatility,
    int tradeCount,
    double winRate,
    Double profitFactor,
    Double avgWin,
    Double avgLoss,
    Double expectancy,
    double exposure,
    Double skewness,
    Double kurtosis,
    int barCount) {

  public BacktestMetrics {
    Checks.finite(totalReturn, "totalReturn");
    Checks.finite(cagr, "cagr");
    Checks.finite(sharpe, "sharpe");
    Checks.finite(sortino, "sortino");
    Checks.finite(maxDrawdown, "maxDrawdown");
    Checks.atLeast(maxDrawdownBars, 0, "maxDrawdownBars");
    Checks.finiteOrNull(calmar, "calmar");
    Checks.finite(volatility, "volatility");
    Checks.atLeast(tradeCount, 0, "tradeCount");
    Checks.finite(winRate, "winRate");
    Checks.finiteOrNull(profitFactor, "profitFactor");
    Checks.finiteOrNull(avgWin, "avgWin");
    Checks.finiteOrNull(avgLoss, "avgLoss");
    Checks.finiteOrNull(expectancy, "expectancy");
    Checks.finite(exposure, "exposure");
    Checks.finiteOrNull(skewness, "skewness");
    Checks.finiteOrNull(kurtosis, "kurtosis");
    Checks.atLeast(barCount, 0, "barCount");
  }
}

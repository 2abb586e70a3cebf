package io.backtest.engine.metrics;

import io.backtest.engine.backtest.Trade;
import java.util.List;
import java.util.Objects;

/**
 * Summary metrics of one backtest. Every value is finite (or null), so the record serialises to
 * plain JSON; conventions follow the {@code BacktestMetrics} event in {@code contracts}.
 *
 * @param totalReturn {@code equity[last] / equity[0] − 1}
 * @param cagr compound annual growth rate, {@code (equity[last] / equity[0])^(barsPerYear / n) − 1}
 *     with {@code n = returns.length} periods; 0 when {@code n = 0}, −1 if equity ends at or below
 *     0, {@link Double#MAX_VALUE} if the power overflows (huge growth over very few bars)
 * @param annualisedVolatility sample standard deviation of returns × √barsPerYear
 * @param sharpe {@link ReturnStatistics#sharpeRatio annualised Sharpe ratio}, risk-free rate 0
 * @param sortino {@link ReturnStatistics#sortinoRatio annualised Sortino ratio}, target 0
 * @param maxDrawdown {@link ReturnStatistics#maxDrawdown maximum drawdown} of equity, a positive
 *     fraction
 * @param tradeCount closed trades plus the open one, if any
 * @param winRate share of closed trades with positive pnl; 0 without closed trades
 * @param profitFactor gross profit / gross loss of closed trades; {@code null} when there is no
 *     loss, where the ratio is +∞ (some profit) or undefined (no profit either): JSON has no
 *     infinity, and a stand-in number would poison averages and comparisons downstream
 * @param exposure share of bars whose close was held in the market ({@link Trade#barsHeld()}, open
 *     trade included)
 * @param barCount number of bars, {@code equity.length}
 */
public record PerformanceMetrics(
    double totalReturn,
    double cagr,
    double annualisedVolatility,
    double sharpe,
    double sortino,
    double maxDrawdown,
    int tradeCount,
    double winRate,
    Double profitFactor,
    double exposure,
    int barCount) {

  /**
   * Computes the metrics.
   *
   * @param returns simple per-bar returns of {@code equity}, length {@code equity.length - 1}
   * @param equity equity at each bar's close, at least one value, all finite
   * @param trades the backtest's trades, an open one flagged
   * @param barsPerYear annualisation factor, e.g. 252 for daily equity bars
   * @throws IllegalArgumentException on inconsistent lengths or non-finite input
   */
  public static PerformanceMetrics of(
      double[] returns, double[] equity, List<Trade> trades, double barsPerYear) {
    Objects.requireNonNull(returns, "returns");
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(trades, "trades");
    if (equity.length == 0) {
      throw new IllegalArgumentException("equity must have at least one value");
    }
    if (returns.length != equity.length - 1) {
      throw new IllegalArgumentException(
          "returns must have one element less than equity: "
              + returns.length
              + " vs "
              + equity.length);
    }
    if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
      throw new IllegalArgumentException(
          "barsPerYear must be finite and > 0 but was " + barsPerYear);
    }
    requireFinite(returns, "returns");
    requireFinite(equity, "equity");

    double growth = equity[equity.length - 1] / equity[0];
    double totalReturn = growth - 1;

    int closed = 0;
    int wins = 0;
    double grossProfit = 0;
    double grossLoss = 0;
    long barsHeld = 0;
    for (Trade trade : trades) {
      barsHeld += trade.barsHeld();
      if (trade.open()) {
        continue;
      }
      closed++;
      if (trade.pnl() > 0) {
        wins++;
        grossProfit += trade.pnl();
      } else {
        grossLoss -= trade.pnl();
      }
    }

    return new PerformanceMetrics(
        totalReturn,
        cagr(growth, returns.length, barsPerYear),
        ReturnStatistics.sampleStandardDeviation(returns) * Math.sqrt(barsPerYear),
        ReturnStatistics.sharpeRatio(returns, barsPerYear),
        ReturnStatistics.sortinoRatio(returns, barsPerYear),
        ReturnStatistics.maxDrawdown(equity),
        trades.size(),
        closed == 0 ? 0 : (double) wins / closed,
        profitFactor(grossProfit, grossLoss),
        (double) barsHeld / equity.length,
        equity.length);
  }

  public PerformanceMetrics {
    if (profitFactor != null && !Double.isFinite(profitFactor)) {
      throw new IllegalArgumentException("profitFactor must be finite or null: " + profitFactor);
    }
  }

  private static double cagr(double growth, int periods, double barsPerYear) {
    if (periods == 0) {
      return 0;
    }
    if (growth <= 0) {
      return -1;
    }
    double cagr = Math.pow(growth, barsPerYear / periods) - 1;
    // Huge growth over a few bars can overflow; keep the record JSON-safe.
    return Double.isFinite(cagr) ? cagr : Double.MAX_VALUE;
  }

  private static Double profitFactor(double grossProfit, double grossLoss) {
    // grossProfit / 0 is +∞ or NaN: not representable in JSON, reported as null.
    return grossLoss == 0 ? null : grossProfit / grossLoss;
  }

  private static void requireFinite(double[] values, String name) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is " + values[i]);
      }
    }
  }
}

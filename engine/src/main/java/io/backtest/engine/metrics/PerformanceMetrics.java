package io.backtest.engine.metrics;

import io.backtest.engine.backtest.Trade;
import java.util.List;
import java.util.Objects;

/**
 * Summary metrics of one backtest, all computed from its per-bar equity curve (in currency) and its
 * trades. Every value is finite or null, so the record serialises to plain JSON (which has no
 * infinity); the first fields keep the conventions of the {@code BacktestMetrics} event in {@code
 * contracts}, which reports them as plain numbers (0 where undefined), the later ones are null
 * where undefined.
 *
 * @param totalReturn {@code equity[last] / equity[0] − 1}
 * @param cagr compound annual growth rate, {@code (equity[last] / equity[0])^(barsPerYear / n) − 1}
 *     with {@code n = returns.length} periods; 0 when {@code n = 0}, −1 if equity ends at or below
 *     0, {@link Double#MAX_VALUE} if the power overflows (huge growth over very few bars)
 * @param annualisedVolatility sample standard deviation (n − 1) of per-bar returns × √barsPerYear
 * @param sharpe {@link ReturnStatistics#sharpeRatio annualised Sharpe ratio}, risk-free rate 0:
 *     mean / sample std of per-bar returns × √barsPerYear; 0 when the std is 0
 * @param sortino {@link ReturnStatistics#sortinoRatio annualised Sortino ratio}, target 0; 0 when
 *     no return is negative
 * @param maxDrawdown {@link ReturnStatistics#maxDrawdown maximum drawdown} of equity, a positive
 *     fraction
 * @param maxDrawdownBars {@link ReturnStatistics#maxDrawdownBars longest drawdown} in bars: from a
 *     peak to the first bar back at or above it, or to the last bar if equity never recovered
 * @param calmar Calmar ratio {@code cagr / maxDrawdown} (Young, "Calmar Ratio: A Smoother Tool",
 *     Futures 20(1), 1991; here over the whole backtest, not the last 36 months); null when {@code
 *     maxDrawdown = 0}
 * @param tradeCount closed trades plus the open one, if any
 * @param winRate share of closed trades with positive pnl; 0 without closed trades
 * @param profitFactor gross profit / gross loss of closed trades; {@code null} when there is no
 *     loss, where the ratio is +∞ (some profit) or undefined (no profit either): a stand-in number
 *     would poison averages and comparisons downstream
 * @param averageWin mean pnl of the winning closed trades (pnl > 0), in currency; null without wins
 * @param averageLoss mean pnl of the losing closed trades (pnl ≤ 0), in currency, <em>negative</em>
 *     (or 0); null without losses. So {@code expectancy = winRate × averageWin + (1 − winRate) ×
 *     averageLoss}
 * @param expectancy mean pnl per closed trade, in currency; null without closed trades
 * @param exposure share of bars whose close was held in the market ({@link Trade#barsHeld()}, open
 *     trade included)
 * @param skewness {@link ReturnStatistics#skewness skewness} of per-bar returns; null when
 *     undefined (fewer than 2 returns or zero dispersion)
 * @param kurtosis {@link ReturnStatistics#kurtosis raw (not excess) kurtosis} of per-bar returns, ≈
 *     3 for normal returns; null when undefined
 * @param barCount number of bars, {@code equity.length}
 */
public record PerformanceMetrics(
    double totalReturn,
    double cagr,
    double annualisedVolatility,
    double sharpe,
    double sortino,
    double maxDrawdown,
    int maxDrawdownBars,
    Double calmar,
    int tradeCount,
    double winRate,
    Double profitFactor,
    Double averageWin,
    Double averageLoss,
    Double expectancy,
    double exposure,
    Double skewness,
    Double kurtosis,
    int barCount) {

  public PerformanceMetrics {
    requireFiniteOrNull(calmar, "calmar");
    requireFiniteOrNull(profitFactor, "profitFactor");
    requireFiniteOrNull(averageWin, "averageWin");
    requireFiniteOrNull(averageLoss, "averageLoss");
    requireFiniteOrNull(expectancy, "expectancy");
    requireFiniteOrNull(skewness, "skewness");
    requireFiniteOrNull(kurtosis, "kurtosis");
  }

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
    Objects.requireNonNull(trades, "trades");
    return of(returns, equity, TradeStatistics.of(trades), barsPerYear);
  }

  /** As {@link #of(double[], double[], List, double)}, with the trades already summed up. */
  public static PerformanceMetrics of(
      double[] returns, double[] equity, TradeStatistics trades, double barsPerYear) {
    Objects.requireNonNull(returns, "returns");
    Objects.requireNonNull(equity, "equity");
    if (returns.length != equity.length - 1) {
      throw new IllegalArgumentException(
          "returns must have one element less than equity: "
              + returns.length
              + " vs "
              + equity.length);
    }
    return compute(returns, equity, equity.length, trades, barsPerYear);
  }

  /**
   * The metrics of the first {@code length} values of {@code equity}, whose per-bar returns are
   * taken as {@code equity[i] / equity[i − 1] − 1} — the expression the backtesters use, so the
   * result equals {@link #of(double[], double[], TradeStatistics, double)} given those returns, to
   * the last bit — without materialising them: the optimiser's hot path.
   *
   * @param length how many leading values of {@code equity} form the curve (a reused buffer may be
   *     longer)
   */
  public static PerformanceMetrics ofEquity(
      double[] equity, int length, TradeStatistics trades, double barsPerYear) {
    Objects.requireNonNull(equity, "equity");
    if (length > equity.length) {
      throw new IllegalArgumentException(
          "length " + length + " exceeds the equity's " + equity.length + " values");
    }
    double[] returns = RETURNS.get();
    if (returns.length < length - 1) {
      returns = new double[Math.max(length - 1, 2 * returns.length)];
      RETURNS.set(returns);
    }
    for (int i = 1; i < length; i++) {
      returns[i - 1] = equity[i] / equity[i - 1] - 1;
    }
    return compute(returns, equity, length, trades, barsPerYear);
  }

  /** Each thread's buffer for the returns {@link #ofEquity} derives, reused across calls. */
  private static final ThreadLocal<double[]> RETURNS = ThreadLocal.withInitial(() -> new double[0]);

  /**
   * {@code returns} holds at least {@code length − 1} returns of the first {@code length} values.
   */
  private static PerformanceMetrics compute(
      double[] returns, double[] equity, int length, TradeStatistics trades, double barsPerYear) {
    Objects.requireNonNull(trades, "trades");
    if (length < 1) {
      throw new IllegalArgumentException("equity must have at least one value");
    }
    if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
      throw new IllegalArgumentException(
          "barsPerYear must be finite and > 0 but was " + barsPerYear);
    }
    // The definitions are those of ReturnStatistics (same sums in the same order, so the same
    // numbers to the last bit), fused into three passes: optimisers compute these metrics for
    // every parameter set of every fold, and a pass per statistic used to dominate a backtest.
    int n = length - 1;
    double sum = 0;
    double downsideSquares = 0;
    for (int i = 0; i < n; i++) {
      double r = returns[i];
      if (!Double.isFinite(r)) {
        throw new IllegalArgumentException("returns[" + i + "] is " + r);
      }
      sum += r;
      if (r < 0) {
        downsideSquares += r * r;
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (int i = 0; i < n; i++) {
      double d = returns[i] - mean;
      double d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    double std = n < 2 ? 0 : Math.sqrt(m2 / (n - 1));
    double downside = n == 0 ? 0 : Math.sqrt(downsideSquares / n);
    double annualiser = Math.sqrt(barsPerYear);
    boolean moments = n >= 2 && m2 != 0;
    double skewness = moments ? (m3 / n) / Math.pow(m2 / n, 1.5) : Double.NaN;
    double kurtosis = moments ? (m4 / n) / ((m2 / n) * (m2 / n)) : Double.NaN;

    // Drawdown depth (ReturnStatistics.maxDrawdown) and length (maxDrawdownBars) in one pass.
    double depthPeak = Double.NEGATIVE_INFINITY;
    double maxDrawdown = 0;
    double lengthPeak = Double.NEGATIVE_INFINITY;
    int peakIndex = 0;
    boolean below = false;
    int maxDrawdownBars = 0;
    for (int k = 0; k < length; k++) {
      double value = equity[k];
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("equity[" + k + "] is " + value);
      }
      if (value > depthPeak) {
        depthPeak = value;
      } else if (depthPeak > 0) {
        maxDrawdown = Math.max(maxDrawdown, (depthPeak - value) / depthPeak);
      }
      if (value >= lengthPeak) {
        if (below) {
          maxDrawdownBars = Math.max(maxDrawdownBars, k - peakIndex);
          below = false;
        }
        lengthPeak = value;
        peakIndex = k;
      } else {
        below = true;
      }
    }
    if (below) {
      maxDrawdownBars = Math.max(maxDrawdownBars, length - 1 - peakIndex);
    }

    double growth = equity[length - 1] / equity[0];
    double cagr = cagr(growth, n, barsPerYear);
    int losses = trades.closed - trades.wins;

    return new PerformanceMetrics(
        growth - 1,
        cagr,
        std * annualiser,
        std == 0 ? 0 : mean / std * annualiser,
        downside == 0 ? 0 : mean / downside * annualiser,
        maxDrawdown,
        maxDrawdownBars,
        maxDrawdown == 0 ? null : finiteOrNull(cagr / maxDrawdown),
        trades.trades,
        trades.closed == 0 ? 0 : (double) trades.wins / trades.closed,
        // grossProfit / 0 is +∞ or NaN: not representable in JSON, reported as null.
        trades.grossLoss == 0 ? null : finiteOrNull(trades.grossProfit / trades.grossLoss),
        trades.wins == 0 ? null : finiteOrNull(trades.grossProfit / trades.wins),
        losses == 0 ? null : finiteOrNull(-trades.grossLoss / losses),
        trades.closed == 0 ? null : finiteOrNull(trades.sumPnl / trades.closed),
        (double) trades.barsHeld / length,
        finiteOrNull(skewness),
        finiteOrNull(kurtosis),
        length);
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

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static void requireFiniteOrNull(Double value, String name) {
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite or null: " + value);
    }
  }
}

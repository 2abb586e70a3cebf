package io.backtest.engine.metrics;

import io.backtest.engine.backtest.Trade;
import java.util.List;

/**
 * Running totals over a backtest's trades, everything {@link PerformanceMetrics} needs from them:
 * lets the engine's metrics-only path skip building {@link Trade} objects while adding up exactly
 * the same numbers in the same order as {@link #of(List)}.
 *
 * <p>A closed trade with {@code pnl > 0} is a win; every other closed trade (pnl ≤ 0) is a loss.
 * The open trade counts for the trade count and exposure only. Not thread-safe.
 */
public final class TradeStatistics {

  int trades;
  int closed;
  int wins;
  double grossProfit;
  double grossLoss;
  double sumPnl;
  long barsHeld;

  /** Adds one trade; call in trade order. */
  public void add(double pnl, int barsHeld, boolean open) {
    trades++;
    this.barsHeld += barsHeld;
    if (open) {
      return;
    }
    closed++;
    sumPnl += pnl;
    if (pnl > 0) {
      wins++;
      grossProfit += pnl;
    } else {
      grossLoss -= pnl;
    }
  }

  /** The statistics of {@code trades}, added in list order. */
  public static TradeStatistics of(List<Trade> trades) {
    TradeStatistics stats = new TradeStatistics();
    for (Trade trade : trades) {
      stats.add(trade.pnl(), trade.barsHeld(), trade.open());
    }
    return stats;
  }

  /** Trades added, the open one included. */
  public int trades() {
    return trades;
  }

  /** Closed trades added. */
  public int closed() {
    return closed;
  }
}

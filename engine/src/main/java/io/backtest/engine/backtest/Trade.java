package io.backtest.engine.backtest;

import java.time.Instant;

/**
 * One long round trip of a backtest, or the position still open at its end.
 *
 * <p>Prices are execution prices (slippage included). Times are fill times: a bar's begin time for
 * a next-open fill, its end time for a same-close fill. A trade held at the end has {@code open =
 * true} and is marked, not closed: its exit fields hold the last bar (index, end time, close), with
 * no exit slippage or fee.
 *
 * @param quantity units bought
 * @param fees entry plus exit fees (entry fee only while open)
 * @param pnl exit proceeds − entry cost, both net of fees, in units of starting capital
 * @param netReturn {@code pnl} divided by the entry cost (quantity × entry price + entry fee)
 */
public record Trade(
    int entryIndex,
    Instant entryTime,
    double entryPrice,
    int exitIndex,
    Instant exitTime,
    double exitPrice,
    double quantity,
    double fees,
    double pnl,
    double netReturn,
    boolean open) {

  /**
   * Number of bars whose close this trade was held over: {@code [entryIndex, exitIndex)} for a
   * closed trade (the exit happens at or before the exit bar's close), {@code [entryIndex,
   * exitIndex]} for an open one.
   */
  public int barsHeld() {
    return exitIndex - entryIndex + (open ? 1 : 0);
  }
}

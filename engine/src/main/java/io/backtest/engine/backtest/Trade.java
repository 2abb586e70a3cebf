package io.backtest.engine.backtest;

import java.time.Instant;

/**
 * One round trip of a backtest, or the position still open at its end.
 *
 * <p>Indices are full-series bar indices. Prices are execution prices (slippage included). Times
 * are fill times: a bar's begin time for a next-open fill, its end time for a same-close fill. A
 * trade held at the end has {@code open = true} and is marked, not closed: its exit fields hold the
 * window's last bar (index, end time, close), with no exit slippage or fee.
 *
 * @param side long or short
 * @param quantity units bought (long) or sold short (short), positive
 * @param fees entry plus exit fees (entry fee only while open), in currency
 * @param pnl in currency, net of fees: exit proceeds − entry cost for a long, entry proceeds − cost
 *     of buying back for a short
 * @param netReturn {@code pnl} divided by the committed amount, quantity × entry price + entry fee
 */
public record Trade(
    Side side,
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

  /** The direction of a position. */
  public enum Side {
    LONG,
    SHORT
  }

  /**
   * Number of bars whose close this trade was held over: {@code [entryIndex, exitIndex)} for a
   * closed trade (the exit happens at or before the exit bar's close), {@code [entryIndex,
   * exitIndex]} for an open one.
   */
  public int barsHeld() {
    return exitIndex - entryIndex + (open ? 1 : 0);
  }
}

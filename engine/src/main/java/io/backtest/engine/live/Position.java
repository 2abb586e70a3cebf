package io.backtest.engine.live;

import io.backtest.engine.backtest.Trade;
import java.time.Instant;
import java.util.Objects;

/**
 * The position an {@link IncrementalBacktest} holds, as its entry fill left it.
 *
 * @param side long or short
 * @param entryIndex series index of the bar it was filled on
 * @param entryTime fill time: the bar's open time for a next-open fill, its end time for a
 *     same-close fill (as {@link Trade#entryTime()})
 * @param entryPrice execution price, slippage included (as {@link Trade#entryPrice()})
 * @param entryFill the bar's price the order filled at, before slippage: the price the stops are
 *     measured from
 * @param quantity units held (long) or sold short (short), positive
 * @param entryFee fee paid on entry, in currency
 */
public record Position(
    Trade.Side side,
    int entryIndex,
    Instant entryTime,
    double entryPrice,
    double entryFill,
    double quantity,
    double entryFee) {

  public Position {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(entryTime, "entryTime");
  }
}

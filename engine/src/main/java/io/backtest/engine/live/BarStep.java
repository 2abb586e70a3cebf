package io.backtest.engine.live;

import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.Trade;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened on one bar of an {@link IncrementalBacktest}, in the order it happened: the order
 * left pending by the previous bar filled at this bar's open, the strategy evaluated on this bar's
 * close, its order filled at the close (same-close fills) or left pending for the next open
 * (next-open fills), equity marked at the close.
 *
 * <p>At most one order fills per bar, so at most one trade closes and one position opens (both on a
 * {@link Order#REVERSE}).
 *
 * @param index the bar's index in the series (warm-up bars included)
 * @param time the bar's open time
 * @param entrySignal the template's entry rule on this bar, before the unstable-bar gate
 * @param exitSignal the template's exit rule (stops excluded) on this bar, before the gate
 * @param closedTrade the trade closed on this bar, if any, as {@link BacktestResult#trades()}
 *     reports it
 * @param openedPosition the position opened on this bar, if any
 * @param order the order this bar's close decided, if any: already filled (same-close) or pending
 *     for the next bar's open (next-open); see {@link ExecutionModel.Fill}
 * @param stopTriggered whether {@code order} is a stop's exit rather than a signal's
 * @param position the position held after the bar, if any
 * @param equity equity at the bar's close, in currency: {@code cash + units × close} (long), {@code
 *     cash − units × close} (short), cash when flat
 * @param barReturn {@code equity / previous equity − 1}, the element of {@link
 *     BacktestResult#returns()} ending at this bar; NaN on the first traded bar, which has none
 */
public record BarStep(
    int index,
    Instant time,
    boolean entrySignal,
    boolean exitSignal,
    Optional<Trade> closedTrade,
    Optional<Position> openedPosition,
    Optional<Order> order,
    boolean stopTriggered,
    Optional<Position> position,
    double equity,
    double barReturn) {

  public BarStep {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(closedTrade, "closedTrade");
    Objects.requireNonNull(openedPosition, "openedPosition");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(position, "position");
  }
}

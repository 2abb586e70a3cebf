package io.backtest.monitoring.rest;

import java.time.Instant;

/**
 * A strategy's paper trading since its promotion.
 *
 * @param bars bars traded
 * @param warmUpBars stored bars before the promotion that warmed its indicators up
 * @param lastBarTime open time of the latest traded bar
 * @param equity equity at its close, in the currency of the prices
 * @param totalReturn equity over the starting capital, minus 1
 * @param drawdown current drawdown from the highest equity, a fraction
 * @param maxDrawdown largest drawdown so far
 * @param trades trades closed
 * @param sharpe annualised Sharpe ratio of the bar returns; null before two bars
 * @param position {@code LONG}, {@code SHORT} or {@code FLAT}
 */
public record LiveView(
    int bars,
    Integer warmUpBars,
    Instant lastBarTime,
    Double equity,
    Double totalReturn,
    Double drawdown,
    Double maxDrawdown,
    Integer trades,
    Double sharpe,
    String position) {}

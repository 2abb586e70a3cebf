package io.backtest.regime.rest;

import java.util.List;

/**
 * The most recent bars of a window, most recent first.
 *
 * @param symbol instrument symbol
 * @param timeframe bar length
 * @param limit the most bars asked for
 * @param items the bars, at most {@code limit}
 */
public record BarList(String symbol, String timeframe, int limit, List<BarView> items) {}

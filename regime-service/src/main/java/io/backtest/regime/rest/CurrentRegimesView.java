package io.backtest.regime.rest;

import java.util.List;

/**
 * The current regimes of a symbol.
 *
 * @param symbol instrument symbol
 * @param timeframes one entry per timeframe with bars (or the one asked for), by timeframe
 */
public record CurrentRegimesView(String symbol, List<TimeframeRegimesView> timeframes) {}

/**
 * Bar-by-bar backtests for paper trading: {@link io.backtest.engine.live.IncrementalBacktest} takes
 * one bar at a time and reports, for every bar, exactly the fills, trades and equity that {@link
 * io.backtest.engine.backtest.BacktestEngine} computes over the whole series, bit for bit, at a
 * per-bar cost that does not grow with the history.
 */
package io.backtest.engine.live;

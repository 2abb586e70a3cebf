/**
 * Bar-by-bar backtests under an explicit execution model: the array engine for the hot path and the
 * ta4j reference it is tested against.
 */
package io.backtest.engine.backtest;

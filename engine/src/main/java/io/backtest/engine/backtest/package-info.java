/** Bar-by-bar backtests of ta4j strategies under an explicit execution model. */
package io.backtest.engine.backtest;

/** Performance metrics of a backtest and the return statistics they are built from. */
package io.backtest.engine.metrics;

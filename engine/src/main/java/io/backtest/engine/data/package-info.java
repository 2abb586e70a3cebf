/** Market data: OHLCV bars, the strict CSV reader and the bridge to ta4j bar series. */
package io.backtest.engine.data;

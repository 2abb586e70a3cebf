package io.backtest.contracts.events;

import java.time.Instant;

/**
 * One OHLCV bar of the market feed. Any producer may publish it (an exchange adapter in production,
 * the replay endpoint in tests). Subject and Kafka key: the symbol.
 *
 * @param symbol instrument symbol
 * @param timeframe bar length, e.g. {@code 1d}, {@code 5m}
 * @param time the bar's open time
 * @param open open price
 * @param high high price
 * @param low low price
 * @param close close price
 * @param volume traded volume
 */
public record MarketBar(
    String symbol,
    String timeframe,
    Instant time,
    double open,
    double high,
    double low,
    double close,
    double volume) {
  public MarketBar {
    Checks.text(symbol, "symbol");
    Checks.text(timeframe, "timeframe");
    Checks.present(time, "time");
    for (double price : new double[] {open, high, low, close}) {
      if (!(Checks.finite(price, "price") > 0)) {
        throw new IllegalArgumentException("prices must be > 0 but one was " + price);
      }
    }
    if (high < Math.max(open, close) || low > Math.min(open, close)) {
      throw new IllegalArgumentException(
          "high must be >= max(open, close) and low <= min(open, close)");
    }
    if (!(Checks.finite(volume, "volume") >= 0)) {
      throw new IllegalArgumentException("volume must be >= 0 but was " + volume);
    }
  }
}

package io.backtest.engine.data;

import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar as read from a data source; {@code time} is the instant the bar opens.
 *
 * <p>The values are not range-checked here: {@link CsvBars} rejects bad input and the backtester
 * rejects non-positive prices, so a bar built by hand for a test can still describe odd data.
 */
public record OhlcvBar(
    Instant time, double open, double high, double low, double close, double volume) {

  public OhlcvBar {
    Objects.requireNonNull(time, "time");
  }
}

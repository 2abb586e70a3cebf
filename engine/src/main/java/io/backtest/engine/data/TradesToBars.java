package io.backtest.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Aggregates trades into OHLCV bars of a fixed length.
 *
 * <p>Input: CSV with the header {@code timestamp,price,amount} (as ta4j-examples' {@code
 * bitstamp_trades_from_20131125_usd.csv}), one trade per line, {@code timestamp} in whole epoch
 * seconds, trades in non-decreasing time order (several trades may share a second; file order
 * breaks the tie), {@code price > 0}, {@code amount >= 0}.
 *
 * <p>Bars are aligned to multiples of the bar length since the epoch (a 1-minute bar opens at a
 * whole UTC minute). Each bar's open is the price of its first trade, high and low the largest and
 * smallest price, close the price of its last trade and volume the sum of the amounts (added in
 * file order). <b>A bar length without any trade produces no bar</b>: the series has gaps where the
 * market had no trades, rather than invented flat bars. (ta4j-examples' own {@code CsvTradesLoader}
 * drops the first trade of each new bar; this aggregation keeps every trade, so the trades per bar
 * add up to the trades in the file.)
 */
public final class TradesToBars {
  private static final String HEADER = "timestamp,price,amount";

  private TradesToBars() {}

  /**
   * The bars and how many trades each aggregates.
   *
   * @param bars the bars in time order
   * @param tradesPerBar {@code tradesPerBar[k]} trades went into {@code bars.get(k)}
   */
  public record Aggregation(List<OhlcvBar> bars, int[] tradesPerBar) {
    public Aggregation {
      bars = List.copyOf(bars);
      tradesPerBar = tradesPerBar.clone();
    }

    @Override
    public int[] tradesPerBar() {
      return tradesPerBar.clone();
    }

    /** Trades aggregated, the sum of {@link #tradesPerBar()}. */
    public long trades() {
      return Arrays.stream(tradesPerBar).asLongStream().sum();
    }
  }

  /**
   * Reads every trade of {@code in} and aggregates them into bars of {@code barLength}. The stream
   * is not closed.
   *
   * @param barLength a whole number of seconds
   * @throws CsvFormatException naming the line of a malformed trade
   */
  public static Aggregation read(InputStream in, Duration barLength) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(barLength, "barLength");
    if (barLength.isNegative() || barLength.isZero() || barLength.getNano() != 0) {
      throw new IllegalArgumentException(
          "barLength must be a positive whole number of seconds but was " + barLength);
    }
    long seconds = barLength.getSeconds();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (header == null || !header.strip().replace("\uFEFF", "").equals(HEADER)) {
        throw new CsvFormatException(1, 0, "expected the header '" + HEADER + "'");
      }
      List<OhlcvBar> bars = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      long barStart = Long.MIN_VALUE;
      long previousTime = Long.MIN_VALUE;
      double open = 0;
      double high = 0;
      double low = 0;
      double close = 0;
      double volume = 0;
      int count = 0;
      int lineNumber = 1;
      int row = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        row++;
        String[] f = line.split(",", -1);
        if (f.length != 3) {
          throw new CsvFormatException(lineNumber, row, "expected 3 columns but found " + f.length);
        }
        long time;
        double price;
        double amount;
        try {
          time = Long.parseLong(f[0].strip());
          price = Double.parseDouble(f[1].strip());
          amount = Double.parseDouble(f[2].strip());
        } catch (NumberFormatException e) {
          throw new CsvFormatException(lineNumber, row, "not a number: " + e.getMessage());
        }
        if (!(price > 0) || Double.isInfinite(price)) {
          throw new CsvFormatException(lineNumber, row, "price must be > 0 but was " + price);
        }
        if (!(amount >= 0) || Double.isInfinite(amount)) {
          throw new CsvFormatException(lineNumber, row, "amount must be >= 0 but was " + amount);
        }
        if (time < previousTime) {
          throw new CsvFormatException(
              lineNumber, row, "time " + time + " is before the previous trade's " + previousTime);
        }
        previousTime = time;
        long start = Math.floorDiv(time, seconds) * seconds;
        if (start != barStart) {
          if (count > 0) {
            bars.add(new OhlcvBar(Instant.ofEpochSecond(barStart), open, high, low, close, volume));
            counts.add(count);
          }
          barStart = start;
          open = price;
          high = price;
          low = price;
          volume = 0;
          count = 0;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += amount;
        count++;
      }
      if (count > 0) {
        bars.add(new OhlcvBar(Instant.ofEpochSecond(barStart), open, high, low, close, volume));
        counts.add(count);
      }
      return new Aggregation(bars, counts.stream().mapToInt(Integer::intValue).toArray());
    } catch (IOException e) {
      throw new UncheckedIOException("reading trades failed", e);
    }
  }
}

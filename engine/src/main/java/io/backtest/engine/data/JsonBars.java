package io.backtest.engine.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reader for bars in the JSON form of ta4j-examples' files (e.g. {@code
 * ETH-USD-PT5M-2023-3-13_2023-3-15.json}):
 *
 * <pre>{@code
 * {"name": "ETH/USD_PT5M@BinanceUS",
 *  "ohlc": [{"endTime": 1678730699999, "openPrice": 1673.58, "highPrice": 1677.62,
 *            "lowPrice": 1672.44, "closePrice": 1672.99, "volume": 65.3033, "amount": 0.0}, ...]}
 * }</pre>
 *
 * <p>{@code endTime} is the bar's last millisecond (inclusive) since the epoch, so the bar opens at
 * {@code endTime + 1 ms - barDuration}; that open time must be a whole second. Members other than
 * those above are ignored ({@code amount}, the quote volume, is not kept). The same rules as {@link
 * CsvBars} apply: prices &gt; 0 and finite, volume &ge; 0, {@code high >= max(open, close)}, {@code
 * low <= min(open, close)}, strictly increasing times. A rejection is an {@link
 * IllegalArgumentException} naming the 1-based bar.
 */
public final class JsonBars {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonBars() {}

  /**
   * Reads every bar of {@code in}'s {@code ohlc} array. The stream is not closed.
   *
   * @param barDuration the length of one bar (5 minutes for the ETH file)
   */
  public static List<OhlcvBar> read(InputStream in, Duration barDuration) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(barDuration, "barDuration");
    if (barDuration.isNegative() || barDuration.isZero()) {
      throw new IllegalArgumentException("barDuration must be positive but was " + barDuration);
    }
    try (JsonParser p = JSON.createParser(in)) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      expect(p.nextToken(), JsonToken.START_OBJECT, "the document");
      List<OhlcvBar> bars = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("ohlc".equals(name)) {
          expect(value, JsonToken.START_ARRAY, "'ohlc'");
          bars = readBars(p, barDuration);
        } else {
          p.skipChildren();
        }
      }
      if (bars == null) {
        throw new IllegalArgumentException("no 'ohlc' array of bars");
      }
      return List.copyOf(bars);
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON bars failed", e);
    }
  }

  private static List<OhlcvBar> readBars(JsonParser p, Duration barDuration) throws IOException {
    List<OhlcvBar> bars = new ArrayList<>();
    Instant previous = null;
    JsonToken token;
    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
      String where = "bar " + (bars.size() + 1);
      expect(token, JsonToken.START_OBJECT, where);
      Long endTime = null;
      double open = Double.NaN;
      double high = Double.NaN;
      double low = Double.NaN;
      double close = Double.NaN;
      double volume = Double.NaN;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "endTime" -> {
            expect(value, JsonToken.VALUE_NUMBER_INT, where + " 'endTime'");
            endTime = p.getLongValue();
          }
          case "openPrice" -> open = number(p, value, where, name);
          case "highPrice" -> high = number(p, value, where, name);
          case "lowPrice" -> low = number(p, value, where, name);
          case "closePrice" -> close = number(p, value, where, name);
          case "volume" -> volume = number(p, value, where, name);
          default -> p.skipChildren();
        }
      }
      if (endTime == null) {
        throw new IllegalArgumentException(where + ": 'endTime' is missing");
      }
      Instant time = Instant.ofEpochMilli(endTime + 1).minus(barDuration);
      if (time.getNano() != 0) {
        throw new IllegalArgumentException(
            where + ": open time " + time + " (endTime + 1 ms - bar length) is not a whole second");
      }
      requireValues(where, open, high, low, close, volume);
      if (previous != null && !time.isAfter(previous)) {
        throw new IllegalArgumentException(
            where + ": open time " + time + " is not after the previous bar's " + previous);
      }
      previous = time;
      bars.add(new OhlcvBar(time, open, high, low, close, volume));
    }
    return bars;
  }

  private static void requireValues(
      String where, double open, double high, double low, double close, double volume) {
    String[] names = {"openPrice", "highPrice", "lowPrice", "closePrice"};
    double[] prices = {open, high, low, close};
    for (int i = 0; i < prices.length; i++) {
      if (Double.isNaN(prices[i])) {
        throw new IllegalArgumentException(where + ": '" + names[i] + "' is missing");
      }
      if (!(prices[i] > 0) || Double.isInfinite(prices[i])) {
        throw new IllegalArgumentException(
            where + ": '" + names[i] + "' must be > 0 and finite but was " + prices[i]);
      }
    }
    if (Double.isNaN(volume)) {
      throw new IllegalArgumentException(where + ": 'volume' is missing");
    }
    if (volume < 0 || Double.isInfinite(volume)) {
      throw new IllegalArgumentException(
          where + ": 'volume' must be >= 0 and finite but was " + volume);
    }
    if (high < Math.max(open, close) || low > Math.min(open, close)) {
      throw new IllegalArgumentException(
          where
              + ": high "
              + high
              + " and low "
              + low
              + " do not enclose open "
              + open
              + " and close "
              + close);
    }
  }

  private static double number(JsonParser p, JsonToken value, String where, String name)
      throws IOException {
    if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
      throw new IllegalArgumentException(
          where + ": '" + name + "' must be a number but was " + value);
    }
    return p.getDoubleValue();
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw new IllegalArgumentException(what + ": expected " + expected + " but found " + actual);
    }
  }
}

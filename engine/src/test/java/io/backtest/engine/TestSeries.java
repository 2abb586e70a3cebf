package io.backtest.engine;

import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.BarSeriesFactory;
import io.backtest.engine.data.CsvBars;
import io.backtest.engine.data.OhlcvBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ta4j.core.BarSeries;

/**
 * Series shared by the tests: the real AAPL 2013 and ETH 5-minute files, synthetic geometric
 * Brownian motion, and hand-made ones.
 */
public final class TestSeries {

  /** Classpath resource (root of the ta4j-examples jar): AAPL daily bars for 2013. */
  public static final String APPLE_CSV = "appleinc_bars_from_20130101_usd.csv";

  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private TestSeries() {}

  public static List<OhlcvBar> appleBars() {
    try (InputStream in = TestSeries.class.getClassLoader().getResourceAsStream(APPLE_CSV)) {
      if (in == null) {
        throw new IllegalStateException(APPLE_CSV + " is not on the test classpath");
      }
      return CsvBars.read(in, NEW_YORK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BarSeries apple() {
    return BarSeriesFactory.toSeries("AAPL", appleBars(), Duration.ofDays(1));
  }

  public static BarArrays appleArrays() {
    return BarArrays.of("aapl-1d-2013", appleBars(), Duration.ofDays(1));
  }

  /** Classpath resource (root of the ta4j-examples 0.18 jar): ETH-USD 5-minute bars, Binance US. */
  public static final String ETH_JSON = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";

  private static final Pattern ETH_BAR =
      Pattern.compile(
          "\\{\\s*\"endTime\":\\s*(\\d+),\\s*\"openPrice\":\\s*([0-9.Ee+-]+),\\s*"
              + "\"highPrice\":\\s*([0-9.Ee+-]+),\\s*\"lowPrice\":\\s*([0-9.Ee+-]+),\\s*"
              + "\"closePrice\":\\s*([0-9.Ee+-]+),\\s*\"volume\":\\s*([0-9.Ee+-]+)");

  /**
   * The ETH file parsed for tests only (the production loader is the datasets' work): each bar's
   * {@code endTime} is the last millisecond of a 5-minute bar, so it opens at {@code (endTime + 1
   * ms) − 5 min}.
   */
  public static List<OhlcvBar> ethBars() {
    try (InputStream in = TestSeries.class.getClassLoader().getResourceAsStream(ETH_JSON)) {
      if (in == null) {
        throw new IllegalStateException(ETH_JSON + " is not on the test classpath");
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<OhlcvBar> bars = new ArrayList<>();
      Matcher m = ETH_BAR.matcher(json);
      while (m.find()) {
        long endMillis = Long.parseLong(m.group(1));
        Instant open = Instant.ofEpochMilli(endMillis + 1).minus(Duration.ofMinutes(5));
        bars.add(
            new OhlcvBar(
                open,
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(5)),
                Double.parseDouble(m.group(6))));
      }
      return bars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BarArrays ethArrays() {
    return BarArrays.of("eth-5m-2023", ethBars(), Duration.ofMinutes(5));
  }

  /** Classpath resource (root of the ta4j-examples 0.18 jar): 100,000 Bitstamp BTC-USD trades. */
  public static final String BTC_TRADES = "bitstamp_trades_from_20131125_usd.csv";

  /** The BTC trades aggregated into 1-minute bars (about 9,400) by the engine's loader. */
  public static BarArrays btcArrays() {
    try (InputStream in = TestSeries.class.getClassLoader().getResourceAsStream(BTC_TRADES)) {
      if (in == null) {
        throw new IllegalStateException(BTC_TRADES + " is not on the test classpath");
      }
      return BarArrays.of(
          "btc-1m-2013",
          io.backtest.engine.data.TradesToBars.read(in, Duration.ofMinutes(1)).bars(),
          Duration.ofMinutes(1));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Geometric Brownian motion, 1-minute bars from 2024-01-01T00:00Z, seeded: log-returns with drift
   * {@code mu} and volatility {@code sigma} per bar; each bar opens at the previous close times a
   * small gap, and high/low bracket open and close by a random amount. Prices are rounded to cents,
   * as real ones are, so equal values (and the cross rules' handling of them) occur.
   */
  public static List<OhlcvBar> gbmBars(int n, long seed, double mu, double sigma) {
    Random random = new Random(seed);
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    List<OhlcvBar> bars = new ArrayList<>(n);
    double previousClose = 100;
    for (int i = 0; i < n; i++) {
      double open = cents(previousClose * Math.exp(0.1 * sigma * random.nextGaussian()));
      double close = cents(open * Math.exp(mu + sigma * random.nextGaussian()));
      double high =
          cents(Math.max(open, close) * (1 + 0.5 * sigma * Math.abs(random.nextGaussian())));
      double low =
          cents(Math.min(open, close) * (1 - 0.5 * sigma * Math.abs(random.nextGaussian())));
      bars.add(
          new OhlcvBar(
              start.plus(Duration.ofMinutes(i)), open, high, low, close, 1 + random.nextInt(1000)));
      previousClose = close;
    }
    return bars;
  }

  public static BarArrays gbmArrays(int n, long seed) {
    return BarArrays.of("gbm-" + seed, gbmBars(n, seed, 0.00002, 0.002), Duration.ofMinutes(1));
  }

  private static double cents(double price) {
    return Math.max(0.01, Math.round(price * 100) / 100.0);
  }

  /**
   * Daily bars from 2024-01-01T00:00Z with the given opens and closes; high and low bracket them.
   */
  public static BarSeries of(double[] opens, double[] closes) {
    return BarSeriesFactory.toSeries("test", bars(opens, closes), Duration.ofDays(1));
  }

  /** The bars of {@link #of(double[], double[])}. */
  public static List<OhlcvBar> bars(double[] opens, double[] closes) {
    if (opens.length != closes.length) {
      throw new IllegalArgumentException("opens and closes differ in length");
    }
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    List<OhlcvBar> bars = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      double high = Math.max(opens[i], closes[i]);
      double low = Math.min(opens[i], closes[i]);
      bars.add(new OhlcvBar(start.plus(Duration.ofDays(i)), opens[i], high, low, closes[i], 1000));
    }
    return bars;
  }
}

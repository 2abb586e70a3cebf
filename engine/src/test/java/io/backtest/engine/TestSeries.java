package io.backtest.engine;

import io.backtest.engine.data.BarSeriesFactory;
import io.backtest.engine.data.CsvBars;
import io.backtest.engine.data.OhlcvBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.BarSeries;

/** Series shared by the tests: the real AAPL 2013 file and hand-made ones. */
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

  /**
   * Daily bars from 2024-01-01T00:00Z with the given opens and closes; high and low bracket them.
   */
  public static BarSeries of(double[] opens, double[] closes) {
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
    return BarSeriesFactory.toSeries("test", bars, Duration.ofDays(1));
  }
}

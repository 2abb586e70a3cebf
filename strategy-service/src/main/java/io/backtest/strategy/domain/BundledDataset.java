package io.backtest.strategy.domain;

import io.backtest.engine.data.CsvBars;
import io.backtest.engine.data.JsonBars;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.TradesToBars;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A dataset shipped on the classpath and registered at start-up. The files come from the artifact
 * {@code org.ta4j:ta4j-examples:0.18}, a dependency only for them.
 *
 * @param id dataset id
 * @param symbol instrument symbol
 * @param timeframe bar length (see {@link io.backtest.engine.data.Timeframe})
 * @param barsPerYear bars in one year, for annualised metrics (what {@link
 *     io.backtest.engine.data.BarsPerYear#infer} gives for the file, which a test checks)
 * @param resource classpath resource holding the data
 * @param loader how the resource is read
 * @param source where the data comes from, for people
 */
public record BundledDataset(
    String id,
    String symbol,
    String timeframe,
    double barsPerYear,
    String resource,
    Loader loader,
    String source) {

  /** How a bundled file becomes bars. */
  public enum Loader {
    /** {@link CsvBars}; plain dates are bars opening at UTC midnight. */
    CSV_BARS,
    /** {@link JsonBars} with the dataset's timeframe as the bar length. */
    JSON_BARS,
    /** Trades aggregated by {@link TradesToBars} into bars of the dataset's timeframe. */
    TRADES;

    /** The bars of {@code in}, bars of {@code timeframe}. */
    public List<OhlcvBar> read(InputStream in, Duration timeframe) {
      return switch (this) {
        case CSV_BARS -> CsvBars.read(in, ZoneOffset.UTC);
        case JSON_BARS -> JsonBars.read(in, timeframe);
        case TRADES -> TradesToBars.read(in, timeframe).bars();
      };
    }
  }

  /**
   * Daily AAPL bars of 2013 (252 trading days). Dates are trading days, taken as bars opening at
   * UTC midnight.
   */
  public static final BundledDataset AAPL_1D_2013 =
      new BundledDataset(
          "aapl-1d-2013",
          "AAPL",
          "1d",
          252,
          "appleinc_bars_from_20130101_usd.csv",
          Loader.CSV_BARS,
          "org.ta4j:ta4j-examples:0.18 appleinc_bars_from_20130101_usd.csv");

  /**
   * 580 five-minute ETH/USD bars of Binance US, 2023-03-13T18:00Z to 2023-03-15T18:15Z; a 24/7
   * market: 365 x 288 bars a year.
   */
  public static final BundledDataset ETH_5M_2023 =
      new BundledDataset(
          "eth-5m-2023",
          "ETH-USD",
          "5m",
          365 * 288,
          "ETH-USD-PT5M-2023-3-13_2023-3-15.json",
          Loader.JSON_BARS,
          "org.ta4j:ta4j-examples:0.18 ETH-USD-PT5M-2023-3-13_2023-3-15.json (Binance US)");

  /**
   * 100,000 Bitstamp BTC/USD trades from 2013-11-25 aggregated into 9,399 one-minute bars; minutes
   * without trades have no bar. 365 x 1440 bars a year.
   */
  public static final BundledDataset BTC_1M_2013 =
      new BundledDataset(
          "btc-1m-2013",
          "BTC-USD",
          "1m",
          365 * 1440,
          "bitstamp_trades_from_20131125_usd.csv",
          Loader.TRADES,
          "org.ta4j:ta4j-examples:0.18 bitstamp_trades_from_20131125_usd.csv (Bitstamp trades"
              + " aggregated into 1-minute bars)");

  /** Every bundled dataset. */
  public static final List<BundledDataset> ALL = List.of(AAPL_1D_2013, ETH_5M_2023, BTC_1M_2013);
}

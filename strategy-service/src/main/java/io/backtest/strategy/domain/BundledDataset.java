package io.backtest.strategy.domain;

import java.util.List;

/**
 * A dataset shipped on the classpath and registered at start-up.
 *
 * @param id dataset id
 * @param symbol instrument symbol
 * @param timeframe bar length (see {@link Timeframe})
 * @param barsPerYear bars in one year, for annualised metrics
 * @param resource classpath resource holding the bars as CSV ({@code date,open,...,volume})
 * @param source where the data comes from, for people
 */
public record BundledDataset(
    String id,
    String symbol,
    String timeframe,
    double barsPerYear,
    String resource,
    String source) {

  /**
   * Daily AAPL bars of 2013 (252 trading days), the file ta4j's examples ship: the artifact {@code
   * org.ta4j:ta4j-examples:0.18} is a dependency only for this file. Dates are trading days, taken
   * as bars opening at UTC midnight.
   */
  public static final BundledDataset AAPL_1D_2013 =
      new BundledDataset(
          "aapl-1d-2013",
          "AAPL",
          "1d",
          252,
          "appleinc_bars_from_20130101_usd.csv",
          "org.ta4j:ta4j-examples:0.18 appleinc_bars_from_20130101_usd.csv");

  /** Every bundled dataset. */
  public static final List<BundledDataset> ALL = List.of(AAPL_1D_2013);
}

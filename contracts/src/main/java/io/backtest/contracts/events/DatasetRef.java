package io.backtest.contracts.events;

/**
 * The historical data a strategy was evaluated on.
 *
 * @param datasetId dataset id in strategy-service (e.g. {@code aapl-1d-2013})
 * @param symbol instrument symbol (e.g. {@code AAPL})
 * @param timeframe bar length as an ISO-8601 duration or a short form such as {@code 1d}, {@code
 *     5m}
 * @param barsPerYear bars in one year, used to annualise statistics (252 for weekday daily bars)
 */
public record DatasetRef(String datasetId, String symbol, String timeframe, double barsPerYear) {
  public DatasetRef {
    Checks.text(datasetId, "datasetId");
    Checks.text(symbol, "symbol");
    Checks.text(timeframe, "timeframe");
    if (!(barsPerYear > 0)) {
      throw new IllegalArgumentException("barsPerYear must be > 0 but was " + barsPerYear);
    }
  }
}

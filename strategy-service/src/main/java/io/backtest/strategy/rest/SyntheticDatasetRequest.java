package io.backtest.strategy.rest;

import java.util.List;

/**
 * Generates a synthetic dataset (see {@link io.backtest.engine.data.SyntheticBars}). The same
 * request always gives the same bars, so it names the same dataset.
 *
 * @param bars number of bars, 2 to the configured maximum (1,000,000 by default); required
 * @param seed seed of the generator; required
 * @param model {@code gbm} or {@code regime-switching}; required
 * @param symbol instrument symbol; {@code SYN} when absent
 * @param timeframe bar length ({@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}, ...), whole seconds;
 *     {@code 1m} when absent. Bars follow each other without gaps (a 24/7 market).
 * @param start open time of the first bar (whole second); 2020-01-01T00:00:00Z when absent
 * @param startPrice open of the first bar; 100 when absent
 * @param drift gbm only: mean log return per bar; 0 when absent
 * @param volatility gbm only: standard deviation of the log return per bar; 0.001 when absent
 * @param regimes regime-switching only: the regimes, the chain starting in the first; the defaults
 *     bull-quiet, bear-volatile and sideways when absent
 */
public record SyntheticDatasetRequest(
    Integer bars,
    Long seed,
    String model,
    String symbol,
    String timeframe,
    String start,
    Double startPrice,
    Double drift,
    Double volatility,
    List<RegimeDefinition> regimes) {

  /**
   * One regime of the chain.
   *
   * @param name label, e.g. {@code bull-quiet}
   * @param drift mean log return per bar, within [-0.1, 0.1]
   * @param volatility standard deviation of the log return per bar, within [0, 0.2]
   * @param meanDuration mean length in bars, at least 1
   */
  public record RegimeDefinition(
      String name, Double drift, Double volatility, Double meanDuration) {}
}

package io.backtest.strategy.rest;

/**
 * Starts a cycle.
 *
 * @param datasetId dataset every candidate is backtested on
 * @param candidates number of candidates, 1 to 1000 and at most the template's combinations
 * @param seed seed of the candidate generation; random when absent (always stored and returned)
 * @param template template the candidates come from; {@code sma-crossover} when absent
 */
public record StartCycleRequest(String datasetId, Integer candidates, Long seed, String template) {}

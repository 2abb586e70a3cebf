package io.backtest.strategy.rest;

import java.util.List;

/**
 * Starts a cycle. Every member but {@code datasetId} and {@code candidates} is optional; the
 * defaults are stored with the cycle and shown by {@code GET /api/v1/cycles/{id}}.
 *
 * @param datasetId dataset every candidate is backtested on
 * @param candidates number of candidates, 1 to 1000 and at most what the templates' grids hold
 * @param seed seed of the candidate generation (and of a random walk-forward search); random when
 *     absent (always stored and returned)
 * @param templates templates the candidates come from, split evenly in this order; {@code
 *     ["sma-crossover"]} when absent
 * @param template the older single-template form: {@code "template": "x"} is {@code "templates":
 *     ["x"]}; giving both is a bad request
 * @param generation {@code random} (seeded draws, the default) or {@code grid} (evenly spaced grid
 *     points)
 * @param walkForward the walk-forward analysis of every candidate; absent for one backtest over the
 *     whole dataset
 * @param costs fees and slippage; 10 and 5 basis points when absent
 * @param execution fills, direction, position size and capital
 * @param scoring weights of the composite score; absent for scoring's defaults
 */
public record StartCycleRequest(
    String datasetId,
    Integer candidates,
    Long seed,
    List<String> templates,
    String template,
    String generation,
    WalkForward walkForward,
    Costs costs,
    Execution execution,
    Scoring scoring) {

  /**
   * A walk-forward analysis (README, "Walk-forward analysis").
   *
   * @param windows {@code rolling} (default) or {@code anchored}
   * @param inSampleBars bars of each (first, when anchored) in-sample window; required, at least 2
   * @param outOfSampleBars bars of each out-of-sample window; required, at least 2
   * @param stepBars distance between the starts of consecutive out-of-sample windows, at least
   *     {@code outOfSampleBars} (its default)
   * @param search {@code grid} (default: the K grid points nearest the candidate) or {@code random}
   *     (the candidate and K − 1 seeded draws from its 4K nearest)
   * @param points K, parameter sets tried per fold: 1 to 500, default 50
   * @param objective what the in-sample optimisation maximises: {@code sharpe} (default), {@code
   *     sortino}, {@code total-return}, {@code cagr} or {@code calmar}
   */
  public record WalkForward(
      String windows,
      Integer inSampleBars,
      Integer outOfSampleBars,
      Integer stepBars,
      String search,
      Integer points,
      String objective) {}

  /**
   * Trading costs.
   *
   * @param feeBps fee per side on notional, in basis points; default 10
   * @param slippageBps slippage against the fill price, in basis points; default 5
   */
  public record Costs(Double feeBps, Double slippageBps) {}

  /**
   * How orders are filled and sized.
   *
   * @param fill {@code next-open} (default) or {@code same-close}
   * @param direction {@code long-only} (default) or {@code long-short}
   * @param positionFraction fraction of equity in each position, in (0, 1]; default 1
   * @param capital starting equity; default 10,000
   */
  public record Execution(String fill, String direction, Double positionFraction, Double capital) {}

  /**
   * Weights of the composite score (the contract's {@code ScoringWeights}): each required, at least
   * 0, and at least one positive.
   *
   * @param deflatedSharpe weight of the deflated Sharpe ratio
   * @param sharpe weight of the scaled out-of-sample Sharpe ratio
   * @param consistency weight of the share of profitable out-of-sample folds
   * @param drawdown weight of the drawdown component
   */
  public record Scoring(
      Double deflatedSharpe, Double sharpe, Double consistency, Double drawdown) {}
}

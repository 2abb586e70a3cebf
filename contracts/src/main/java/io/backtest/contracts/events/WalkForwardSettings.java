package io.backtest.contracts.events;

/**
 * How a walk-forward analysis cuts the dataset into folds and optimises each (README, "Walk-forward
 * analysis").
 *
 * @param windows {@code rolling} (fixed-length in-sample windows) or {@code anchored} (in-sample
 *     windows that all start at the first bar)
 * @param inSampleBars bars of each rolling in-sample window (of the first anchored one)
 * @param outOfSampleBars bars of each out-of-sample window
 * @param stepBars distance between the starts of consecutive out-of-sample windows, {@code >=
 *     outOfSampleBars}
 * @param search {@code grid} (the K nearest grid points of the candidate) or {@code random} (the
 *     candidate plus K − 1 seeded draws near it)
 * @param points K, parameter sets tried per fold
 * @param objective what the in-sample optimisation maximises: {@code sharpe}, {@code sortino},
 *     {@code total-return}, {@code cagr} or {@code calmar}
 */
public record WalkForwardSettings(
    String windows,
    int inSampleBars,
    int outOfSampleBars,
    int stepBars,
    String search,
    int points,
    String objective) {

  public WalkForwardSettings {
    Checks.oneOf(windows, "windows", "rolling", "anchored");
    Checks.atLeast(inSampleBars, 2, "inSampleBars");
    Checks.atLeast(outOfSampleBars, 2, "outOfSampleBars");
    Checks.atLeast(stepBars, outOfSampleBars, "stepBars");
    Checks.oneOf(search, "search", "grid", "random");
    Checks.atLeast(points, 1, "points");
    Checks.oneOf(objective, "objective", "sharpe", "sortino", "total-return", "cagr", "calmar");
  }
}

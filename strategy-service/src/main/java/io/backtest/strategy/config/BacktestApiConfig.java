package io.backtest.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Limits of a synchronous backtest ({@code POST /api/v1/backtests}), which computes while the
 * caller waits: larger work belongs in a cycle, which runs on the workers and reports when done.
 */
@ConfigMapping(prefix = "strategy.backtests")
public interface BacktestApiConfig {

  /**
   * Most bar-steps one request may take ({@link io.backtest.engine.evaluation.Evaluator#cost}: the
   * dataset's bars for a plain backtest; with walk-forward, per fold K in-sample windows plus the
   * out-of-sample one, plus K signal series over every bar). 400,000,000 take a few seconds on one
   * core.
   */
  @WithName("max-bar-steps")
  @WithDefault("400000000")
  long maxBarSteps();

  /**
   * Most bars of the evaluated record the answer carries (one equity point per bar): the dataset's
   * bars, or the out-of-sample bars with walk-forward.
   */
  @WithName("max-bars")
  @WithDefault("200000")
  int maxBars();
}

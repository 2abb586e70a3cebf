package io.backtest.strategy.rest;

import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A synchronous backtest of one parameter set. Unknown fields are refused (400 naming them), so a
 * misspelt option is never silently ignored.
 *
 * @param datasetId dataset to run on; required
 * @param template strategy template id; required
 * @param params the template's parameters by name: every required one, optional ones (stops) to
 *     switch them on; each on its range's grid ({@code GET /api/v1/templates})
 * @param costs fees and slippage; 10 and 5 bps when absent
 * @param execution fills, direction, sizing and capital; next-open, long-only, 1.0 and 10,000 when
 *     absent
 * @param walkForward walk-forward analysis instead of one backtest over every bar; optional
 * @param seed seed of a random walk-forward search; random when absent (always returned)
 */
@Schema(description = "A synchronous backtest of one parameter set")
public record BacktestRequest(
    @Schema(required = true, examples = "aapl-1d-2013") String datasetId,
    @Schema(required = true, examples = "sma-crossover") String template,
    @Schema(
            description =
                "Parameters by name, as JSON numbers on the template's grid, e.g. {\"fast\": 10,"
                    + " \"slow\": 50}; optional ones (stops) only to switch them on")
        Map<String, BigDecimal> params,
    Costs costs,
    Execution execution,
    WalkForward walkForward,
    @Schema(description = "Seed of a random walk-forward search; random when absent") Long seed) {

  /**
   * Trading costs.
   *
   * @param feeBps fee per side in basis points of the traded notional, finite and {@code >= 0}; 10
   *     when absent
   * @param slippageBps adverse move against each fill in basis points, in {@code [0, 10000)}; 5
   *     when absent
   */
  public record Costs(
      @Schema(defaultValue = "10", minimum = "0") Double feeBps,
      @Schema(defaultValue = "5", minimum = "0", maximum = "10000", exclusiveMaximum = true)
          Double slippageBps) {}

  /**
   * How signals become positions.
   *
   * @param fill {@code next-open} (a signal on a bar's close fills at the next bar's open) or
   *     {@code same-close}; next-open when absent
   * @param direction {@code long-only}, or {@code long-short} (stop-and-reverse); long-only when
   *     absent
   * @param capital starting equity, {@code > 0}; 10,000 when absent
   * @param positionFraction share of equity committed per entry, fee included, in {@code (0, 1]}; 1
   *     when absent
   */
  public record Execution(
      @Schema(
              enumeration = {"next-open", "same-close"},
              defaultValue = "next-open")
          String fill,
      @Schema(
              enumeration = {"long-only", "long-short"},
              defaultValue = "long-only")
          String direction,
      @Schema(defaultValue = "10000", minimum = "0", exclusiveMinimum = true) Double capital,
      @Schema(defaultValue = "1", minimum = "0", exclusiveMinimum = true, maximum = "1")
          Double positionFraction) {}

  /**
   * Walk-forward analysis (README, "Walk-forward analysis"): fold k tests out-of-sample bars {@code
   * [inSampleBars + k·stepBars, … + outOfSampleBars)} with the parameter set that maximised the
   * objective in-sample, among the K points of the candidate's neighbourhood.
   *
   * @param windows {@code rolling} or {@code anchored}; rolling when absent
   * @param inSampleBars bars of each (rolling) in-sample window, {@code >= 2}; required
   * @param outOfSampleBars bars of each out-of-sample window, {@code >= 2}; required
   * @param stepBars distance between out-of-sample starts, {@code >= outOfSampleBars}; {@code
   *     outOfSampleBars} when absent
   * @param search {@code grid} or {@code random}; grid when absent
   * @param points K, parameter sets tried per fold, 1 to 500; 50 when absent
   * @param objective {@code sharpe}, {@code sortino}, {@code total-return}, {@code cagr} or {@code
   *     calmar}; sharpe when absent
   */
  public record WalkForward(
      @Schema(
              enumeration = {"rolling", "anchored"},
              defaultValue = "rolling")
          String windows,
      @Schema(required = true, minimum = "2") Integer inSampleBars,
      @Schema(required = true, minimum = "2") Integer outOfSampleBars,
      @Schema(description = "Defaults to outOfSampleBars") Integer stepBars,
      @Schema(
              enumeration = {"grid", "random"},
              defaultValue = "grid")
          String search,
      @Schema(defaultValue = "50", minimum = "1", maximum = "500") Integer points,
      @Schema(
              enumeration = {"sharpe", "sortino", "total-return", "cagr", "calmar"},
              defaultValue = "sharpe")
          String objective) {}
}

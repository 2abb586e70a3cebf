package io.backtest.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to start a research cycle, forwarded to strategy-service, which checks all of it before
 * storing anything (unknown dataset or template, a candidate count beyond the templates' grids,
 * walk-forward windows the dataset cannot hold: 422 problems naming each field). Absent optional
 * members stay absent so that strategy-service applies its defaults.
 *
 * @param datasetId the dataset to backtest on
 * @param candidates how many distinct candidates to generate, split over the templates
 * @param seed the generation seed (random when absent; always stored and returned)
 * @param templates the strategy templates (["sma-crossover"] when absent)
 * @param template the older single-template form of {@code templates}; not with it
 * @param generation random (seeded draws) or grid (evenly spaced grid points)
 * @param walkForward the walk-forward analysis of every candidate; absent for one backtest over the
 *     whole dataset
 * @param costs fees and slippage
 * @param execution fills, direction, position size and capital
 * @param scoring weights of the composite score; absent for the platform's defaults
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A research cycle to start")
public record StartCycleRequest(
    @Schema(description = "Dataset to backtest on", example = "aapl-1d-2013", required = true)
        String datasetId,
    @Schema(
            description =
                "Number of candidates, 1 to 1000 and at most what the templates' grids hold"
                    + " together; split evenly over the templates in order",
            example = "60",
            required = true)
        Integer candidates,
    @Schema(
            description =
                "Seed of the candidate generation and of a random walk-forward search; random"
                    + " when absent, always returned",
            example = "42")
        Long seed,
    @Schema(
            description =
                "Strategy templates (GET /api/v1/templates lists them); [\"sma-crossover\"] when"
                    + " absent",
            example = "[\"sma-crossover\", \"macd\"]")
        List<String> templates,
    @Schema(
            description = "Deprecated single-template form of templates; not together with it",
            deprecated = true,
            example = "sma-crossover")
        String template,
    @Schema(
            description =
                "How candidates are picked from each template's grid: random (seeded draws) or"
                    + " grid (evenly spaced points); random when absent",
            enumeration = {"random", "grid"},
            example = "random")
        String generation,
    @Schema(
            description =
                "Walk-forward analysis of every candidate; absent for one backtest over the whole"
                    + " dataset")
        WalkForward walkForward,
    @Schema(description = "Trading costs; 10 bps fee and 5 bps slippage when absent") Costs costs,
    @Schema(description = "Order fills, direction, position size and capital") Execution execution,
    @Schema(
            description =
                "Weights of the composite score that ranks the cycle's candidates; the platform's"
                    + " defaults (deflatedSharpe 0.5, sharpe 0.2, consistency 0.15, drawdown 0.15)"
                    + " when absent")
        Scoring scoring) {

  /**
   * A walk-forward analysis: the in-sample window picks the best of K parameter sets near the
   * candidate, the out-of-sample window after it tests that choice.
   *
   * @param windows rolling or anchored
   * @param inSampleBars bars of each in-sample window
   * @param outOfSampleBars bars of each out-of-sample window
   * @param stepBars distance between consecutive out-of-sample windows
   * @param search grid or random
   * @param points K, parameter sets tried per fold
   * @param objective what the in-sample choice maximises
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(description = "Walk-forward analysis settings")
  public record WalkForward(
      @Schema(
              description =
                  "rolling: in-sample windows of fixed length; anchored: every in-sample window"
                      + " starts at the first bar; rolling when absent",
              enumeration = {"rolling", "anchored"},
              example = "rolling")
          String windows,
      @Schema(
              description = "Bars of each (first, when anchored) in-sample window, at least 2",
              example = "500",
              required = true)
          Integer inSampleBars,
      @Schema(
              description = "Bars of each out-of-sample window, at least 2",
              example = "100",
              required = true)
          Integer outOfSampleBars,
      @Schema(
              description =
                  "Bars between the starts of consecutive out-of-sample windows, at least"
                      + " outOfSampleBars (its default)",
              example = "100")
          Integer stepBars,
      @Schema(
              description =
                  "grid: the K grid points nearest the candidate; random: the candidate and K − 1"
                      + " seeded draws from its 4K nearest; grid when absent",
              enumeration = {"grid", "random"},
              example = "grid")
          String search,
      @Schema(
              description = "K, parameter sets tried per fold: 1 to 500, 50 when absent",
              example = "50")
          Integer points,
      @Schema(
              description = "What the in-sample choice maximises; sharpe when absent",
              enumeration = {"sharpe", "sortino", "total-return", "cagr", "calmar"},
              example = "sharpe")
          String objective) {}

  /**
   * Trading costs.
   *
   * @param feeBps fee per side on notional, in basis points
   * @param slippageBps slippage against the fill price, in basis points
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(description = "Trading costs in basis points")
  public record Costs(
      @Schema(description = "Fee per side on notional, bps; 10 when absent", example = "10")
          Double feeBps,
      @Schema(description = "Slippage against the fill price, bps; 5 when absent", example = "5")
          Double slippageBps) {}

  /**
   * How orders are filled and sized.
   *
   * @param fill next-open or same-close
   * @param direction long-only or long-short
   * @param positionFraction fraction of equity in each position
   * @param capital starting equity
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(description = "Execution model")
  public record Execution(
      @Schema(
              description =
                  "next-open: signal on a bar's close, fill at the next open; same-close;"
                      + " next-open when absent",
              enumeration = {"next-open", "same-close"},
              example = "next-open")
          String fill,
      @Schema(
              description =
                  "long-only, or long-short (exit signals go short); long-only when absent",
              enumeration = {"long-only", "long-short"},
              example = "long-only")
          String direction,
      @Schema(
              description = "Fraction of equity in each position, in (0, 1]; 1 when absent",
              example = "1")
          Double positionFraction,
      @Schema(description = "Starting equity; 10000 when absent", example = "10000")
          Double capital) {}

  /**
   * Weights of the composite score: the weighted mean of four components, each in [0, 1] (the
   * contract's {@code ScoringWeights}). Passed through to strategy-service, which checks them and
   * announces them in {@code cycle.started} for scoring-service.
   *
   * @param deflatedSharpe weight of the deflated Sharpe ratio
   * @param sharpe weight of the annualised out-of-sample Sharpe ratio over 3, clamped to [0, 1]
   * @param consistency weight of the share of profitable out-of-sample folds
   * @param drawdown weight of {@code 1 − maxDrawdown / 0.5}, clamped to [0, 1]
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      description =
          "Weights of the composite score, the weighted mean of four components in [0, 1]: each"
              + " >= 0, at least one positive")
  public record Scoring(
      @Schema(description = "Weight of the deflated Sharpe ratio", example = "0.5", required = true)
          Double deflatedSharpe,
      @Schema(
              description =
                  "Weight of the annualised out-of-sample Sharpe ratio over 3, clamped to [0, 1]",
              example = "0.2",
              required = true)
          Double sharpe,
      @Schema(
              description =
                  "Weight of the share of profitable out-of-sample folds (left out, with its"
                      + " weight, without walk-forward)",
              example = "0.15",
              required = true)
          Double consistency,
      @Schema(
              description = "Weight of 1 − maxDrawdown / 0.5, clamped to [0, 1]",
              example = "0.15",
              required = true)
          Double drawdown) {}
}

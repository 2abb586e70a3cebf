package io.backtest.strategy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a synchronous backtest: the evaluated record (trades, equity, metrics) and what
 * produced it. With walk-forward the record is the stitched out-of-sample one and {@code folds} and
 * {@code walkForward} are present; without, they are absent.
 *
 * @param trades round trips in order; the last one has {@code open = true} when a position was
 *     still held at the end
 * @param equity equity at every bar's close of the record, starting at the capital
 * @param metrics summary of the record (README, "Metrics")
 * @param barsPerYear the dataset's annualisation factor the metrics used
 * @param dataset the dataset, with the SHA-256 of its bars
 * @param template template id
 * @param params the parameter set as evaluated (with walk-forward: the candidate whose
 *     neighbourhood each fold searched)
 * @param execution fills, direction, sizing and capital used
 * @param costs fees and slippage used
 * @param seed seed of a random walk-forward search
 * @param engineVersion version of the engine that computed the numbers
 * @param folds walk-forward folds, in order
 * @param walkForward the walk-forward settings used and its summary figures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The evaluated record of a synchronous backtest and what produced it")
public record BacktestView(
    List<TradeView> trades,
    @Schema(
            description =
                "Equity at every bar's close of the evaluated record: time is the bar's close time"
                    + " (open time + timeframe), value in the capital's currency. With"
                    + " walk-forward, the out-of-sample windows stitched, each rescaled to start"
                    + " where the previous one ended")
        List<EquityPoint> equity,
    MetricsView metrics,
    double barsPerYear,
    DatasetRef dataset,
    String template,
    @Schema(description = "The parameter set evaluated, as JSON numbers")
        Map<String, Number> params,
    ExecutionView execution,
    CostsView costs,
    long seed,
    String engineVersion,
    @Schema(description = "Only with walkForward: every fold, in order") List<FoldView> folds,
    @Schema(description = "Only with walkForward") WalkForwardView walkForward) {

  /**
   * One trade, or the position still open at the end.
   *
   * @param side {@code long} or {@code short}
   * @param entryTime fill time of the entry: the fill bar's open time (next-open) or close time
   *     (same-close)
   * @param entryPrice execution price of the entry, slippage included
   * @param exitTime fill time of the exit; for an open trade the last bar's close time
   * @param exitPrice execution price of the exit; for an open trade the last close (marked, not
   *     sold)
   * @param quantity units held, positive
   * @param pnl profit in currency, net of fees
   * @param open whether the position was still held at the end
   */
  public record TradeView(
      @Schema(enumeration = {"long", "short"}) String side,
      Instant entryTime,
      double entryPrice,
      Instant exitTime,
      double exitPrice,
      double quantity,
      double pnl,
      boolean open) {}

  /**
   * Equity at a bar's close.
   *
   * @param time the bar's close time (open time + timeframe)
   * @param value equity in currency: cash plus the position marked at the close
   */
  public record EquityPoint(Instant time, double value) {}

  /**
   * Summary metrics (README, "Metrics"); nullable ones are null where undefined.
   *
   * @param totalReturn last equity / first equity − 1
   * @param cagr compound annual growth rate over the record
   * @param volatility sample standard deviation (n − 1) of per-bar returns × √barsPerYear
   * @param sharpe mean / sample standard deviation (n − 1) of per-bar returns × √barsPerYear,
   *     risk-free rate 0; 0 when the deviation is 0
   * @param sortino mean / downside deviation of per-bar returns × √barsPerYear, target 0
   * @param maxDrawdown largest fall from a peak of equity, a positive fraction
   * @param maxDrawdownBars longest drawdown in bars
   * @param calmar cagr / maxDrawdown; null without drawdown
   * @param profitFactor gross profit / gross loss of closed trades; null without a loss
   * @param winRate share of closed trades with positive pnl
   * @param avgWin mean pnl of winning closed trades; null without wins
   * @param avgLoss mean pnl of losing closed trades, ≤ 0; null without losses
   * @param expectancy mean pnl per closed trade; null without closed trades
   * @param trades closed trades plus the open one, if any
   * @param exposure share of bars whose close was held in the market
   * @param skewness skewness of per-bar returns; null when undefined
   * @param kurtosis raw (not excess) kurtosis of per-bar returns, ≈ 3 for normal returns; null when
   *     undefined
   */
  public record MetricsView(
      double totalReturn,
      double cagr,
      double volatility,
      double sharpe,
      double sortino,
      double maxDrawdown,
      int maxDrawdownBars,
      Double calmar,
      Double profitFactor,
      double winRate,
      Double avgWin,
      Double avgLoss,
      Double expectancy,
      int trades,
      double exposure,
      Double skewness,
      Double kurtosis) {}

  /** The dataset and the SHA-256 of its bars. */
  public record DatasetRef(String id, String sha256) {}

  /** Fills, direction, sizing and capital as used. */
  public record ExecutionView(
      @Schema(enumeration = {"next-open", "same-close"}) String fill,
      @Schema(enumeration = {"long-only", "long-short"}) String direction,
      double capital,
      double positionFraction) {}

  /** Fees and slippage as used, in basis points. */
  public record CostsView(double feeBps, double slippageBps) {}

  /**
   * One walk-forward fold.
   *
   * @param index fold number from 0
   * @param inSample the bars the parameters were chosen on
   * @param outOfSample the bars they were then tested on; consecutive folds' windows follow each
   *     other {@code stepBars} apart
   * @param params the parameter set chosen in-sample
   * @param inSampleMetrics its metrics in-sample
   * @param outOfSampleMetrics its metrics out-of-sample
   */
  public record FoldView(
      int index,
      BarWindow inSample,
      BarWindow outOfSample,
      Map<String, Number> params,
      MetricsView inSampleMetrics,
      MetricsView outOfSampleMetrics) {}

  /**
   * Bars {@code [fromIndex, toIndex)} of the dataset.
   *
   * @param fromIndex first bar, 0-based
   * @param toIndex end of the window, exclusive
   * @param fromTime open time of the first bar
   * @param toTime open time of the last bar (index {@code toIndex − 1})
   */
  public record BarWindow(int fromIndex, int toIndex, Instant fromTime, Instant toTime) {}

  /**
   * Walk-forward settings (defaults filled in) and summary.
   *
   * @param windows {@code rolling} or {@code anchored}
   * @param trials distinct parameter sets tried per fold (the neighbourhood's size)
   * @param evaluations in-sample backtests run, trials × folds
   * @param efficiency walk-forward efficiency: out-of-sample CAGR over the mean in-sample CAGR of
   *     the chosen sets; null when the latter is not positive (Pardo 2008, ch. 11)
   */
  public record WalkForwardView(
      String windows,
      int inSampleBars,
      int outOfSampleBars,
      int stepBars,
      String search,
      int points,
      String objective,
      int trials,
      int evaluations,
      Double efficiency) {}
}

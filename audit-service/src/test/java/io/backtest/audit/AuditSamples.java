package io.backtest.audit;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.BarWindow;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** Valid event payloads of one small cycle, for the tests. */
public final class AuditSamples {
  public static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");
  public static final DatasetRef AAPL = new DatasetRef("aapl-1d-2013", "AAPL", "1d", 252);
  public static final StrategyDefinition SMA =
      new StrategyDefinition("sma-crossover", Map.of("slow", 50, "fast", 10));
  public static final ExecutionSettings EXECUTION =
      new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, 10_000);

  /** return 27.1 %, Sharpe 1.60, max drawdown 11.3 %, 1 trade. */
  public static final BacktestMetrics METRICS =
      new BacktestMetrics(
          0.271, 0.25, 1.6, 2.1, 0.113, 40, 2.21, 0.18, 1, 1.0, null, 2710.0, null, 2710.0, 0.6,
          0.3, 3.9, 252);

  /** Rolling windows of 120 in-sample and 40 out-of-sample bars, 50 grid points by Sharpe. */
  public static final WalkForwardSettings WALK_FORWARD =
      new WalkForwardSettings("rolling", 120, 40, 40, "grid", 50, "sharpe");

  public static final Provenance PROVENANCE = new Provenance("ab".repeat(32), 42, "0.1.0");

  private AuditSamples() {}

  public static List<UUID> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
  }

  /** One template, no walk-forward analysis. */
  public static CycleStarted cycleStarted(UUID cycleId, int candidates) {
    return new CycleStarted(
        cycleId,
        AAPL,
        List.of("sma-crossover"),
        candidates,
        42,
        ids(candidates),
        EXECUTION,
        null,
        AT);
  }

  /** Two templates, each candidate with {@link #WALK_FORWARD}. */
  public static CycleStarted cycleStartedWithWalkForward(UUID cycleId, int candidates) {
    return new CycleStarted(
        cycleId,
        AAPL,
        List.of("sma-crossover", "macd"),
        candidates,
        42,
        ids(candidates),
        EXECUTION,
        WALK_FORWARD,
        AT);
  }

  public static BacktestRequested backtestRequested(UUID cycleId, UUID strategyId) {
    return new BacktestRequested(
        UUID.randomUUID(), strategyId, cycleId, AAPL, SMA, EXECUTION, null, 42, AT);
  }

  /** One backtest over the whole dataset. */
  public static BacktestCompleted backtestCompleted(UUID cycleId, UUID strategyId) {
    return backtestCompleted(cycleId, strategyId, null);
  }

  /**
   * A walk-forward result: {@link #METRICS} for the stitched out-of-sample record, 3 folds, 50
   * trials, 150 evaluations, efficiency 0.62.
   */
  public static BacktestCompleted backtestCompletedWithWalkForward(UUID cycleId, UUID strategyId) {
    List<FoldSummary> folds = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      folds.add(
          new FoldSummary(
              k,
              new BarWindow(40 * k, 40 * k + 120, AT, AT),
              new BarWindow(40 * k + 120, 40 * k + 160, AT, AT),
              Map.of("fast", 10 + k, "slow", 50),
              METRICS,
              METRICS));
    }
    return backtestCompleted(
        cycleId, strategyId, new WalkForwardSummary(WALK_FORWARD, folds, 50, 150, 0.62));
  }

  private static BacktestCompleted backtestCompleted(
      UUID cycleId, UUID strategyId, WalkForwardSummary walkForward) {
    return new BacktestCompleted(
        UUID.randomUUID(),
        strategyId,
        cycleId,
        AAPL,
        SMA,
        EXECUTION,
        METRICS,
        ReturnSeries.of(new double[] {0.01, -0.005, 0.02}),
        walkForward,
        false,
        PROVENANCE,
        1200,
        AT);
  }

  public static BacktestFailed backtestFailed(UUID cycleId, UUID strategyId) {
    return new BacktestFailed(
        UUID.randomUUID(), strategyId, cycleId, "not enough bars for slow=50", AT);
  }

  public static StrategyScored strategyScored(UUID cycleId, UUID strategyId) {
    return new StrategyScored(strategyId, cycleId, 1.42, METRICS, AT);
  }

  /** {@code scored} ranked of {@code expected}, the rest failed; the best scores 1.42. */
  public static CycleScored cycleScored(UUID cycleId, UUID best, int expected, int scored) {
    List<RankedStrategy> ranking = new ArrayList<>();
    for (int rank = 1; rank <= scored; rank++) {
      ranking.add(
          new RankedStrategy(
              rank,
              rank == 1 ? best : UUID.randomUUID(),
              1.42 - rank * 0.01 + 0.01,
              0.2,
              1.5,
              0.1));
    }
    return new CycleScored(cycleId, expected, scored, expected - scored, ranking, AT);
  }

  public static StrategyPromoted strategyPromoted(UUID cycleId, UUID strategyId) {
    return new StrategyPromoted(
        strategyId,
        cycleId,
        AAPL,
        SMA,
        EXECUTION,
        METRICS,
        1.42,
        1,
        12,
        35,
        "ranked first with score 1.42 and passed every gate",
        AT);
  }

  public static StrategyDemoted strategyDemoted(UUID cycleId, UUID strategyId) {
    return new StrategyDemoted(
        strategyId, cycleId, "drawdown beyond the backtest's worst", null, 11, AT);
  }

  public static CycleCompleted cycleCompleted(UUID cycleId, UUID promoted) {
    return new CycleCompleted(
        cycleId,
        "COMPLETED",
        60,
        58,
        2,
        List.of(promoted),
        List.of(),
        12,
        35,
        "1 promoted, 0 demoted, 12 of 35 live",
        AT);
  }

  public static MarketBar bar(String symbol) {
    return new MarketBar(symbol, "1d", AT, 185.1, 188, 184.9, 187.25, 1200);
  }
}

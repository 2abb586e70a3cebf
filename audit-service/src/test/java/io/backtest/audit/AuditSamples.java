package io.backtest.audit;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.BarWindow;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.GateCheck;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.ScoringWeights;
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

  /**
   * What scoring computed for the best candidate: DSR 0.97, Sharpe 1.35, return 62.0 %, max
   * drawdown 12.0 %, 48 trades, N = 4,221 trials.
   */
  public static final CandidateStatistics STATISTICS =
      new CandidateStatistics(
          1250, 252, 4.96, 0.62, 0.102, 0.11, 1.35, 1.9, 0.85, 0.12, 1.6, 0.55, 48, 0.8, 3.01, 0.74,
          -0.3, 4.1, 0.0004, 0.0069, 0.99, 0.97, 1.12, 4221, 3.4);

  /** The out-of-sample baseline of a promotion: Sharpe 1.35, DSR 0.97. */
  public static final ExpectedPerformance EXPECTED =
      new ExpectedPerformance(0.102, 0.11, 1.35, 0.12, 0.0004, 0.0069, 252, 1, 9.7, 0.97);

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
        null,
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

  /** Ranked first with score 0.84 and {@link #STATISTICS}. */
  public static StrategyScored strategyScored(UUID cycleId, UUID strategyId) {
    return new StrategyScored(strategyId, cycleId, 1, 0.84, METRICS, STATISTICS, AT);
  }

  /**
   * {@code scored} ranked of {@code expected} (at most 84), the rest failed; the best scores 0.84
   * with {@link #STATISTICS}; N = 4,221 trials (50 per candidate in this cycle), PBO 0.31 (none
   * below two candidates), P(OOS loss) 0.08, default weights, no correlations.
   */
  public static CycleScored cycleScored(UUID cycleId, UUID best, int expected, int scored) {
    List<RankedStrategy> ranking = new ArrayList<>();
    for (int rank = 1; rank <= scored; rank++) {
      ranking.add(
          new RankedStrategy(
              rank, rank == 1 ? best : UUID.randomUUID(), 0.85 - rank * 0.01, STATISTICS));
    }
    OverfittingDiagnostics overfitting =
        scored == 0
            ? null
            : new OverfittingDiagnostics(
                scored, 1250, 16, 12870, scored < 2 ? null : 0.31, 0.08, -0.4, 0.01);
    return new CycleScored(
        cycleId,
        expected,
        scored,
        expected - scored,
        ranking,
        4221,
        50L * scored,
        0.45,
        overfitting,
        ScoringWeights.DEFAULT,
        null,
        AT);
  }

  public static StrategyPromoted strategyPromoted(UUID cycleId, UUID strategyId) {
    return new StrategyPromoted(
        strategyId,
        cycleId,
        AAPL,
        SMA,
        EXECUTION,
        new Provenance("ab".repeat(32), 42, "0.1.0"),
        METRICS,
        EXPECTED,
        0.84,
        1,
        12,
        35,
        "passed every gate",
        AT);
  }

  public static StrategyDemoted strategyDemoted(UUID cycleId, UUID strategyId) {
    return new StrategyDemoted(
        strategyId, cycleId, "drawdown beyond the backtest's worst", null, 11, AT);
  }

  /**
   * One promoted, then two rejected by the gates and one too correlated with the live set, in rank
   * order.
   */
  public static CycleCompleted cycleCompleted(UUID cycleId, UUID promoted) {
    GateCheck passed = new GateCheck("deflated-sharpe", 0.97, 0.95, true, "DSR 0.97 >= 0.95");
    GateCheck failed = new GateCheck("deflated-sharpe", 0.71, 0.95, false, "DSR 0.71 < 0.95");
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
        List.of(
            new CandidateVerdict(promoted, 1, "PROMOTED", "promoted", List.of(passed)),
            new CandidateVerdict(
                UUID.randomUUID(), 2, "REJECTED_BY_GATES", "DSR 0.71 < 0.95", List.of(failed)),
            new CandidateVerdict(
                UUID.randomUUID(), 3, "CORRELATED", "|correlation| 0.93 >= 0.80", List.of(passed)),
            new CandidateVerdict(
                UUID.randomUUID(), 4, "REJECTED_BY_GATES", "DSR 0.71 < 0.95", List.of(failed))),
        AT);
  }

  public static MarketBar bar(String symbol) {
    return new MarketBar(symbol, "1d", AT, 185.1, 188, 184.9, 187.25, 1200);
  }
}

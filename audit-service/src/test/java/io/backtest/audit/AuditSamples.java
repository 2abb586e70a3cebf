package io.backtest.audit;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.StrategyScored;
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
  public static final ExecutionSettings EXECUTION = new ExecutionSettings("next-open", 10, 5, 1.0);

  /** return 27.1 %, Sharpe 1.60, max drawdown 11.3 %, 1 trade. */
  public static final BacktestMetrics METRICS =
      new BacktestMetrics(0.271, 0.25, 1.6, 2.1, 0.113, 0.18, 1, 1.0, null, 0.6, 252);

  private AuditSamples() {}

  public static List<UUID> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
  }

  public static CycleStarted cycleStarted(UUID cycleId, int candidates) {
    return new CycleStarted(
        cycleId, AAPL, "sma-crossover", candidates, 42, ids(candidates), EXECUTION, AT);
  }

  public static BacktestRequested backtestRequested(UUID cycleId, UUID strategyId) {
    return new BacktestRequested(UUID.randomUUID(), strategyId, cycleId, AAPL, SMA, EXECUTION, AT);
  }

  public static BacktestCompleted backtestCompleted(UUID cycleId, UUID strategyId) {
    return new BacktestCompleted(
        UUID.randomUUID(),
        strategyId,
        cycleId,
        AAPL,
        SMA,
        METRICS,
        new double[] {0.01, -0.005, 0.02},
        false,
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

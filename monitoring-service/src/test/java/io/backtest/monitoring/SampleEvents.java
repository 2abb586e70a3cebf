package io.backtest.monitoring;

import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Valid promotion and demotion payloads for the tests. */
public final class SampleEvents {
  public static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private SampleEvents() {}

  public static BacktestMetrics metrics(double sharpe) {
    return new BacktestMetrics(
        0.42, 0.11, sharpe, 1.9, 0.18, 310, 0.61, 0.21, 17, 0.59, null, 412.5, null, 412.5, 0.63,
        0.2, 5.4, 2516);
  }

  /** The out-of-sample baseline of a promotion with this Sharpe ratio. */
  public static ExpectedPerformance expected(double sharpe) {
    return new ExpectedPerformance(0.11, 0.16, sharpe, 0.18, 0.0004, 0.01, 252, 1, 6.8, 0.96);
  }

  public static StrategyPromoted promoted(UUID strategyId, Instant at, double sharpe) {
    return new StrategyPromoted(
        strategyId,
        UUID.randomUUID(),
        new DatasetRef("aapl-1d-2013", "AAPL", "1d", 252),
        new StrategyDefinition("sma-crossover", Map.of("fast", 10, "slow", 50)),
        new ExecutionSettings("next-open", "long-short", 10, 5, 1.0, 25_000),
        new Provenance("ab".repeat(32), 42, "0.1.0"),
        metrics(sharpe),
        expected(sharpe),
        0.87,
        2,
        3,
        35,
        "ranked 2nd of 40 and passed every gate",
        at);
  }

  /**
   * A promotion of a strategy to paper trade: what runs, on which market, against which promise.
   */
  public static StrategyPromoted promoted(
      UUID strategyId,
      Instant at,
      DatasetRef dataset,
      StrategyDefinition strategy,
      ExecutionSettings execution,
      ExpectedPerformance expected) {
    return new StrategyPromoted(
        strategyId,
        UUID.randomUUID(),
        dataset,
        strategy,
        execution,
        new Provenance("cd".repeat(32), 7, "0.1.0"),
        metrics(expected.sharpe()),
        expected,
        0.9,
        1,
        1,
        35,
        "ranked 1st and passed every gate",
        at);
  }

  public static StrategyDemoted demoted(UUID strategyId, Instant at, String reason) {
    return new StrategyDemoted(strategyId, UUID.randomUUID(), reason, UUID.randomUUID(), 2, at);
  }
}

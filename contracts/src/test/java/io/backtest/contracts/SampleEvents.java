package io.backtest.contracts;

import io.backtest.contracts.events.AuditCheckpoint;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.BarWindow;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.GateCheck;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.RegimePerformance;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fully populated instance of every event, so that every field reaches the schema check. */
final class SampleEvents {
  static final UUID CYCLE = UUID.fromString("0d6f4c1e-2b1a-4c55-9a3e-6a1f0b9e7c01");
  static final UUID STRATEGY = UUID.fromString("5b2c9d7a-8e41-4f0b-b6c2-3d9a1e7f4a22");
  static final UUID OTHER = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
  static final UUID BACKTEST = UUID.fromString("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f");
  static final Instant T = Instant.parse("2026-11-25T10:15:30.123Z");

  static final DatasetRef DATASET = new DatasetRef("aapl-1d-2013", "AAPL", "1d", 252);
  static final StrategyDefinition SMA =
      new StrategyDefinition("sma-crossover", parameters("fast", 10, "slow", 50));
  static final ExecutionSettings EXECUTION =
      new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, 10_000);
  static final BacktestMetrics METRICS =
      new BacktestMetrics(
          0.21, 0.21, 1.35, 1.9, 0.12, 41, 1.75, 0.18, 7, 0.57, 2.4, 512.5, -301.25, 187.1, 0.61,
          -0.12, 4.8, 252);
  static final WalkForwardSettings WALK_FORWARD =
      new WalkForwardSettings("rolling", 120, 40, 40, "grid", 50, "sharpe");
  static final WalkForwardSummary WALK_FORWARD_SUMMARY =
      new WalkForwardSummary(
          WALK_FORWARD,
          List.of(
              new FoldSummary(
                  0,
                  new BarWindow(0, 120, T, T.plusSeconds(119 * 86_400)),
                  new BarWindow(120, 160, T.plusSeconds(120 * 86_400), T.plusSeconds(159 * 86_400)),
                  parameters("fast", 12, "slow", 50),
                  METRICS,
                  METRICS)),
          50,
          50,
          0.62);

  static final CandidateStatistics STATISTICS =
      new CandidateStatistics(
          1250, 252, 4.96, 0.62, 0.102, 0.11, 1.35, 1.9, 0.85, 0.12, 1.6, 0.55, 48, 0.8, 3.01, 0.74,
          -0.3, 4.1, 0.0004, 0.0069, 0.99, 0.97, 1.12, 4200, 3.4);

  private SampleEvents() {}

  static Map<EventType<?>, Object> all() {
    Map<EventType<?>, Object> samples = new LinkedHashMap<>();
    samples.put(
        EventCatalog.CYCLE_STARTED,
        new CycleStarted(
            CYCLE,
            DATASET,
            List.of("sma-crossover", "macd"),
            2,
            42,
            List.of(STRATEGY, OTHER),
            EXECUTION,
            WALK_FORWARD,
            ScoringWeights.DEFAULT,
            T,
            List.of(
                new RegimeRun("volatility", "NORMAL", 34, 600),
                new RegimeRun("volatility", "HIGH", 600, 1250),
                new RegimeRun("trend", "RANGING", 29, 410),
                new RegimeRun("trend", "TRENDING_UP", 410, 1250))));
    samples.put(
        EventCatalog.BACKTEST_REQUESTED,
        new BacktestRequested(
            BACKTEST, STRATEGY, CYCLE, DATASET, SMA, EXECUTION, WALK_FORWARD, 42, T));
    samples.put(
        EventCatalog.BACKTEST_COMPLETED,
        new BacktestCompleted(
            BACKTEST,
            STRATEGY,
            CYCLE,
            DATASET,
            SMA,
            EXECUTION,
            METRICS,
            ReturnSeries.of(new double[] {0.01, -0.005, 0.0}),
            WALK_FORWARD_SUMMARY,
            true,
            new Provenance("ab".repeat(32), 42, "0.1.0"),
            37,
            T));
    samples.put(
        EventCatalog.BACKTEST_FAILED,
        new BacktestFailed(BACKTEST, STRATEGY, CYCLE, "dataset has 12 bars, slow SMA needs 50", T));
    samples.put(
        EventCatalog.STRATEGY_SCORED,
        new StrategyScored(STRATEGY, CYCLE, 1, 0.84, METRICS, STATISTICS, T));
    samples.put(
        EventCatalog.CYCLE_SCORED,
        new CycleScored(
            CYCLE,
            2,
            1,
            1,
            List.of(
                new RankedStrategy(
                    1,
                    STRATEGY,
                    0.84,
                    STATISTICS,
                    List.of(
                        new RegimePerformance("volatility", "NORMAL", 480, 0.0006, 1.6, 0.31, 0.4),
                        new RegimePerformance("volatility", "HIGH", 720, -0.0004, -0.9, -0.25, 0.6),
                        new RegimePerformance(
                            "trend", "TRENDING_UP", 700, 0.0009, 2.1, 0.84, 0.583)))),
            4221,
            21,
            0.45,
            new OverfittingDiagnostics(2, 1250, 16, 12870, 0.31, 0.08, -0.4, 0.01),
            ScoringWeights.DEFAULT,
            Correlations.of(
                List.of(STRATEGY), List.of(OTHER), new double[1][1], new double[][] {{0.42}}),
            T));
    samples.put(
        EventCatalog.STRATEGY_PROMOTED,
        new StrategyPromoted(
            STRATEGY,
            CYCLE,
            DATASET,
            SMA,
            EXECUTION,
            new Provenance("ab".repeat(32), 42, "0.1.0"),
            METRICS,
            new ExpectedPerformance(0.102, 0.11, 1.35, 0.12, 0.0004, 0.0069, 252, 1, 9.7, 0.97),
            0.84,
            1,
            12,
            35,
            "rank 1 of 60, score 1.35 >= 0.5",
            T));
    samples.put(
        EventCatalog.STRATEGY_DEMOTED,
        new StrategyDemoted(OTHER, CYCLE, "replaced by a stronger candidate", STRATEGY, 35, T));
    samples.put(
        EventCatalog.CYCLE_COMPLETED,
        new CycleCompleted(
            CYCLE,
            "COMPLETED",
            2,
            1,
            1,
            List.of(STRATEGY),
            List.of(OTHER),
            35,
            35,
            "promoted 1, demoted 1, live 35 of 35",
            List.of(
                new CandidateVerdict(
                    STRATEGY,
                    1,
                    "PROMOTED",
                    "promoted: DSR 0.97 >= 0.95 (N = 4,221 trials); live 35 of 35",
                    List.of(
                        new GateCheck(
                            "deflated-sharpe", 0.97, 0.95, true, "DSR 0.97 >= 0.95 (N = 4,221)")))),
            T));
    samples.put(
        EventCatalog.MARKET_BARS,
        new MarketBar("AAPL", "1d", T, 553.82, 555.0, 541.63, 549.03, 20018500));
    samples.put(
        EventCatalog.MARKET_REGIME_CHANGED,
        new MarketRegimeChanged(
            "AAPL",
            "1d",
            "volatility",
            "NORMAL",
            "HIGH",
            T,
            1250,
            Map.of("volatility", -3.2, "lowThreshold", -4.6, "highThreshold", -3.5),
            "volatility NORMAL -> HIGH: log volatility -3.20 above -3.50 for 4 bars",
            T));
    samples.put(
        EventCatalog.STRATEGY_DRIFT_DETECTED,
        new StrategyDriftDetected(
            STRATEGY,
            "AAPL",
            "1d",
            "cusum",
            61.2,
            50,
            340,
            T,
            "drift: CUSUM 61.2 > 50 after 340 bars",
            T));
    samples.put(
        EventCatalog.MONITORING_ALERT,
        new MonitoringAlert(
            OTHER,
            "CRITICAL",
            "drift",
            STRATEGY,
            "AAPL",
            null,
            "drift: CUSUM 61.2 > 50 after 340 bars",
            Map.of("statistic", 61.2, "threshold", 50.0, "window", 340.0),
            T));
    samples.put(
        EventCatalog.AUDIT_CHECKPOINT,
        new AuditCheckpoint(
            1000,
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            T,
            "3f2a9c1d7b4e8a60",
            "q3vS0iJ5tmGg7yW0b1oAqkRLqbP1TPGdq0m3Kv8S7xVh9m2N6pZcHf0lXe4rYuTqBw1sJd2aOiKgEzLcMnVbAA=="));
    return samples;
  }

  static Map<String, Number> parameters(String k1, int v1, String k2, int v2) {
    Map<String, Number> p = new LinkedHashMap<>();
    p.put(k1, v1);
    p.put(k2, v2);
    return p;
  }
}

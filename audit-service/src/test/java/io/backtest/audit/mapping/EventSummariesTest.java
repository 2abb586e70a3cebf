package io.backtest.audit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.audit.AuditSamples;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One sentence per event type. */
class EventSummariesTest {
  private final UUID cycle = UUID.fromString("11111111-1111-1111-1111-111111111111");
  private final UUID strategy = UUID.fromString("22222222-2222-2222-2222-222222222222");

  @Test
  void cycleStartedSaysHowManyCandidatesOfWhichTemplateOnWhatData() {
    assertThat(EventSummaries.of(AuditSamples.cycleStarted(cycle, 60)))
        .isEqualTo(
            "Cycle 11111111-1111-1111-1111-111111111111 started:"
                + " 60 sma-crossover candidates on AAPL 1d (seed 42), without walk-forward");
  }

  @Test
  void cycleStartedListsItsTemplatesAndItsWalkForwardAnalysis() {
    assertThat(EventSummaries.of(AuditSamples.cycleStartedWithWalkForward(cycle, 60)))
        .isEqualTo(
            "Cycle 11111111-1111-1111-1111-111111111111 started:"
                + " 60 candidates of sma-crossover, macd on AAPL 1d (seed 42),"
                + " rolling walk-forward (in-sample 120 bars, out-of-sample 40, step 40),"
                + " 50 grid points by sharpe");
  }

  @Test
  void cycleStartedNamesTheScoreWeightsItWasGiven() {
    CycleStarted defaults = AuditSamples.cycleStarted(cycle, 2);
    CycleStarted weighted =
        new CycleStarted(
            defaults.cycleId(),
            defaults.dataset(),
            defaults.templates(),
            defaults.candidates(),
            defaults.seed(),
            defaults.strategyIds(),
            defaults.execution(),
            null,
            new ScoringWeights(0.6, 0.2, 0.1, 0.1),
            AuditSamples.AT);

    assertThat(EventSummaries.of(weighted))
        .isEqualTo(
            "Cycle 11111111-1111-1111-1111-111111111111 started:"
                + " 2 sma-crossover candidates on AAPL 1d (seed 42), without walk-forward;"
                + " score weights DSR 0.6, Sharpe 0.2, consistency 0.1, drawdown 0.1");
  }

  @Test
  void walkForwardSettingsSayWindowsSearchAndObjective() {
    assertThat(
            EventSummaries.walkForward(
                new WalkForwardSettings("anchored", 250, 60, 90, "random", 1, "calmar")))
        .isEqualTo(
            "anchored walk-forward (in-sample 250 bars, out-of-sample 60, step 90),"
                + " 1 random point by calmar");
  }

  @Test
  void backtestCompletedWithWalkForwardGivesOutOfSampleMetricsFoldsTrialsAndEfficiency() {
    // the metrics are the stitched out-of-sample record's: Sharpe 1.6 -> 1.60; 3 folds, 50 trials
    assertThat(EventSummaries.of(AuditSamples.backtestCompletedWithWalkForward(cycle, strategy)))
        .isEqualTo(
            "Backtest of sma-crossover(fast=10, slow=50) on AAPL 1d,"
                + " 3-fold rolling walk-forward over 50 trials: out-of-sample"
                + " return 27.1%, Sharpe 1.60, max drawdown 11.3%, 1 trade, efficiency 0.62");
  }

  @Test
  void undefinedEfficiencyIsLeftOut() {
    BacktestCompleted withEfficiency =
        AuditSamples.backtestCompletedWithWalkForward(cycle, strategy);
    WalkForwardSummary wf = withEfficiency.walkForward();
    BacktestCompleted without =
        new BacktestCompleted(
            withEfficiency.backtestId(),
            withEfficiency.strategyId(),
            withEfficiency.cycleId(),
            withEfficiency.dataset(),
            withEfficiency.strategy(),
            withEfficiency.execution(),
            withEfficiency.metrics(),
            withEfficiency.returns(),
            new WalkForwardSummary(wf.settings(), wf.folds().subList(0, 1), 1, 1, null),
            false,
            withEfficiency.provenance(),
            10,
            AuditSamples.AT);

    assertThat(EventSummaries.of(without))
        .isEqualTo(
            "Backtest of sma-crossover(fast=10, slow=50) on AAPL 1d,"
                + " 1-fold rolling walk-forward over 1 trial: out-of-sample"
                + " return 27.1%, Sharpe 1.60, max drawdown 11.3%, 1 trade");
  }

  @Test
  void backtestCompletedGivesReturnSharpeDrawdownAndTrades() {
    // 0.271 -> 27.1 %, 1.6 -> 1.60, 0.113 -> 11.3 %, one trade (singular)
    assertThat(EventSummaries.of(AuditSamples.backtestCompleted(cycle, strategy)))
        .isEqualTo(
            "Backtest of sma-crossover(fast=10, slow=50) on AAPL 1d:"
                + " return 27.1%, Sharpe 1.60, max drawdown 11.3%, 1 trade");
  }

  @Test
  void metricsRoundHalfAwayAndPluraliseTrades() {
    // -0.0525 -> -5.3 % (5.25 rounds up in magnitude), 0.875 -> 0.88, 0.2 -> 20.0 %, 3 trades
    BacktestMetrics m =
        new BacktestMetrics(
            -0.0525, -0.05, 0.875, 1.0, 0.2, 60, null, 0.1, 3, 0.33, 0.8, 12.0, -15.0, -1.0, 0.5,
            null, null, 100);

    assertThat(EventSummaries.metrics(m))
        .isEqualTo("return -5.3%, Sharpe 0.88, max drawdown 20.0%, 3 trades");
  }

  @Test
  void strategyParametersAreListedByNameWithPlainNumbers() {
    StrategyDefinition definition =
        new StrategyDefinition("rsi", Map.of("period", 14, "upper", 70.5, "lower", 30.0));

    assertThat(EventSummaries.strategy(definition))
        .isEqualTo("rsi(lower=30, period=14, upper=70.5)");
  }

  @Test
  void backtestRequestedAndFailedNameTheCandidateAndCycle() {
    assertThat(EventSummaries.of(AuditSamples.backtestRequested(cycle, strategy)))
        .isEqualTo(
            "Backtest of sma-crossover(fast=10, slow=50) on AAPL 1d requested for cycle " + cycle);
    BacktestRequested plain = AuditSamples.backtestRequested(cycle, strategy);
    BacktestRequested walkForward =
        new BacktestRequested(
            plain.backtestId(),
            plain.strategyId(),
            plain.cycleId(),
            plain.dataset(),
            plain.strategy(),
            plain.execution(),
            AuditSamples.WALK_FORWARD,
            plain.seed(),
            plain.requestedAt());
    assertThat(EventSummaries.of(walkForward))
        .isEqualTo(
            "Backtest of sma-crossover(fast=10, slow=50) on AAPL 1d requested for cycle "
                + cycle
                + ", rolling walk-forward (in-sample 120 bars, out-of-sample 40, step 40),"
                + " 50 grid points by sharpe");
    assertThat(EventSummaries.of(AuditSamples.backtestFailed(cycle, strategy)))
        .isEqualTo(
            "Backtest of strategy "
                + strategy
                + " in cycle "
                + cycle
                + " failed: not enough bars for slow=50");
  }

  @Test
  void strategyScoredGivesScoreRankAndTheStatisticsItWasComputedFrom() {
    // the statistics, not the worker's metrics: DSR 0.97, Sharpe 1.35, 0.62 -> 62.0 %, 0.12 -> 12.0
    // %
    assertThat(EventSummaries.of(AuditSamples.strategyScored(cycle, strategy)))
        .isEqualTo(
            "Strategy "
                + strategy
                + " scored 0.84, rank 1: DSR 0.97, Sharpe 1.35, return 62.0%,"
                + " max drawdown 12.0%, 48 trades");
  }

  @Test
  void cycleScoredGivesCountsTrialsOverfittingAndTheBest() {
    CycleScored scored = AuditSamples.cycleScored(cycle, strategy, 60, 58);

    assertThat(EventSummaries.of(scored))
        .isEqualTo(
            "Cycle "
                + cycle
                + " scored: 58 of 60 ranked, 2 failed, N = 4,221 trials, PBO 0.31,"
                + " P(OOS loss) 0.08; best "
                + strategy
                + " score 0.84 (DSR 0.97)");
  }

  @Test
  void cycleScoredWithoutFailuresGivesOnlyTheRankedCount() {
    assertThat(EventSummaries.of(AuditSamples.cycleScored(cycle, strategy, 3, 3)))
        .isEqualTo(
            "Cycle "
                + cycle
                + " scored: 3 ranked, N = 4,221 trials, PBO 0.31, P(OOS loss) 0.08; best "
                + strategy
                + " score 0.84 (DSR 0.97)");
  }

  @Test
  void cycleScoredLeavesOutOverfittingFiguresScoringCouldNotCompute() {
    // one candidate: CSCV gives no PBO
    assertThat(EventSummaries.of(AuditSamples.cycleScored(cycle, strategy, 1, 1)))
        .isEqualTo(
            "Cycle "
                + cycle
                + " scored: 1 ranked, N = 4,221 trials, P(OOS loss) 0.08; best "
                + strategy
                + " score 0.84 (DSR 0.97)");
    // returns too short: no diagnostics at all
    CycleScored sample = AuditSamples.cycleScored(cycle, strategy, 2, 2);
    CycleScored withoutDiagnostics =
        new CycleScored(
            cycle,
            2,
            2,
            0,
            sample.ranking(),
            1,
            1,
            0.0,
            null,
            ScoringWeights.DEFAULT,
            null,
            AuditSamples.AT);
    assertThat(EventSummaries.of(withoutDiagnostics))
        .isEqualTo(
            "Cycle "
                + cycle
                + " scored: 2 ranked, N = 1 trial; best "
                + strategy
                + " score 0.84 (DSR 0.97)");
  }

  @Test
  void cycleScoredWithNothingRankedSaysSo() {
    CycleScored scored =
        new CycleScored(
            cycle,
            3,
            0,
            3,
            List.of(),
            0,
            0,
            0.0,
            null,
            ScoringWeights.DEFAULT,
            null,
            AuditSamples.AT);

    assertThat(EventSummaries.of(scored))
        .isEqualTo("Cycle " + cycle + " scored: 0 of 3 ranked, 3 failed; nothing ranked");
  }

  @Test
  void promotionNamesDeflatedSharpeRankAndLiveCountBeforeItsReason() {
    assertThat(EventSummaries.of(AuditSamples.strategyPromoted(cycle, strategy)))
        .isEqualTo(
            "Promoted sma-crossover(fast=10, slow=50) on AAPL 1d:"
                + " DSR 0.97, rank 1, live 12 of 35 — passed every gate");
  }

  @Test
  void demotionNamesItsReplacementAndLiveCountBeforeItsReason() {
    assertThat(
            EventSummaries.of(
                new StrategyDemoted(strategy, null, "drift detected", null, 3, AuditSamples.AT)))
        .isEqualTo("Demoted " + strategy + ": live 3 — drift detected");
    UUID better = UUID.fromString("33333333-3333-3333-3333-333333333333");
    assertThat(
            EventSummaries.of(
                new StrategyDemoted(
                    strategy, cycle, "weakest of a full live set", better, 34, AuditSamples.AT)))
        .isEqualTo(
            "Demoted "
                + strategy
                + ", replaced by "
                + better
                + ": live 34 — weakest of a full live set");
  }

  @Test
  void cycleCompletedQuotesItsSummaryAndCountsVerdictsByOutcomeInRankOrder() {
    UUID promoted = UUID.randomUUID();
    // verdicts by rank: PROMOTED, REJECTED_BY_GATES, CORRELATED, REJECTED_BY_GATES
    assertThat(EventSummaries.of(AuditSamples.cycleCompleted(cycle, promoted)))
        .isEqualTo(
            "Cycle "
                + cycle
                + " completed: 1 promoted, 0 demoted, 12 of 35 live;"
                + " verdicts 1 promoted, 2 rejected by gates, 1 correlated");
  }

  @Test
  void failedCycleWithoutVerdictsQuotesOnlyItsSummary() {
    CycleCompleted failed =
        new CycleCompleted(
            cycle,
            "FAILED",
            5,
            0,
            5,
            List.of(),
            List.of(),
            0,
            35,
            "every backtest failed",
            List.of(),
            AuditSamples.AT);
    assertThat(EventSummaries.of(failed))
        .isEqualTo("Cycle " + cycle + " failed: every backtest failed");
  }

  @Test
  void countsGroupThousandsAndPluralise() {
    assertThat(EventSummaries.count(4221, "trial")).isEqualTo("4,221 trials");
    assertThat(EventSummaries.count(1, "trial")).isEqualTo("1 trial");
    assertThat(EventSummaries.count(0, "trade")).isEqualTo("0 trades");
  }

  @Test
  void outcomeCodesReadAsWords() {
    assertThat(EventSummaries.outcome("NOT_BETTER_THAN_WEAKEST"))
        .isEqualTo("not better than weakest");
  }

  @Test
  void marketBarGivesItsPrices() {
    assertThat(EventSummaries.of(AuditSamples.bar("AAPL")))
        .isEqualTo(
            "Bar AAPL 1d at 2026-01-05T10:00:00Z:"
                + " open 185.1, high 188, low 184.9, close 187.25, volume 1200");
  }

  @Test
  void regimeChangeNamesDetectorTransitionAndReason() {
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    assertThat(
            EventSummaries.of(
                new MarketRegimeChanged(
                    "AAPL",
                    "1d",
                    "volatility",
                    "NORMAL",
                    "HIGH",
                    at,
                    1250,
                    Map.of("volatility", -3.2),
                    "log volatility -3.20 above -3.50 for 4 bars",
                    at)))
        .isEqualTo(
            "Regime of AAPL 1d by volatility: NORMAL -> HIGH at 2026-01-05T10:00:00Z after"
                + " 1,250 bars — log volatility -3.20 above -3.50 for 4 bars");
    assertThat(
            EventSummaries.of(
                new MarketRegimeChanged(
                    "AAPL", "1d", "trend", null, "RANGING", at, 30, Map.of(), "first verdict", at)))
        .startsWith("Regime of AAPL 1d by trend: none -> RANGING");
  }

  @Test
  void driftNamesDetectorStatisticThresholdAndWindow() {
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    UUID id = UUID.fromString("5b2c9d7a-8e41-4f0b-b6c2-3d9a1e7f4a22");
    assertThat(
            EventSummaries.of(
                new StrategyDriftDetected(
                    id,
                    "AAPL",
                    "1d",
                    "cusum",
                    61.234,
                    50,
                    340,
                    at,
                    "drift: CUSUM 61.2 > 50 after 340 bars",
                    at)))
        .isEqualTo(
            "Drift of "
                + id
                + " on AAPL 1d: cusum 61.23 beyond 50.00 after 340 bars live"
                + " — drift: CUSUM 61.2 > 50 after 340 bars");
  }

  @Test
  void alertNamesSeverityKindAndWhatItConcerns() {
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    UUID id = UUID.fromString("5b2c9d7a-8e41-4f0b-b6c2-3d9a1e7f4a22");
    assertThat(
            EventSummaries.of(
                new MonitoringAlert(
                    id,
                    "CRITICAL",
                    "drift",
                    id,
                    "AAPL",
                    null,
                    "drift: CUSUM 61.2 > 50",
                    Map.of(),
                    at)))
        .isEqualTo(
            "CRITICAL alert (drift) on strategy " + id + " for AAPL: drift: CUSUM 61.2 > 50");
    assertThat(
            EventSummaries.of(
                new MonitoringAlert(
                    id,
                    "INFO",
                    "feed-gap",
                    null,
                    "AAPL",
                    null,
                    "no bar for 3 minutes",
                    Map.of(),
                    at)))
        .isEqualTo("INFO alert (feed-gap) for AAPL: no bar for 3 minutes");
    assertThat(
            EventSummaries.of(
                new MonitoringAlert(
                    id,
                    "CRITICAL",
                    "audit-dead-letter",
                    null,
                    null,
                    "audit-service",
                    "record market.bars-2@17 dead-lettered: ce_source is missing",
                    Map.of("partition", 2.0, "offset", 17.0),
                    at)))
        .isEqualTo(
            "CRITICAL alert (audit-dead-letter) in audit-service:"
                + " record market.bars-2@17 dead-lettered: ce_source is missing");
  }

  @Test
  void unknownEventSaysWhatAndFromWhere() {
    assertThat(EventSummaries.unknown("io.lab.experiment.done", "/lab", "exp-7"))
        .isEqualTo("Event io.lab.experiment.done from /lab about exp-7, recorded as received");
    assertThat(EventSummaries.unknown("io.lab.ping", "/lab", null))
        .isEqualTo("Event io.lab.ping from /lab, recorded as received");
  }
}

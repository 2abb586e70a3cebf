package io.backtest.scoring.mapping;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.scoring.domain.CycleDecision;
import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.ReturnSeries;
import io.backtest.scoring.domain.ScoringCycle;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.domain.StrategyStanding;
import io.backtest.scoring.domain.WalkForwardFold;
import io.backtest.scoring.domain.WalkForwardRecord;
import io.backtest.scoring.rest.CycleScoring;
import io.backtest.scoring.rest.LeaderboardItem;
import io.backtest.scoring.rest.LeaderboardPage;
import io.backtest.scoring.rest.Scorecard;
import io.backtest.scoring.rest.WalkForwardOutcome;
import io.backtest.support.http.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Events to rows, rows to API answers. */
public final class ScoringMapper {

  private ScoringMapper() {}

  /** The row of a scored backtest. */
  public static StrategyResult scoredResult(
      BacktestCompleted completed, double score, boolean late, UUID eventId, Instant receivedAt) {
    StrategyResult row =
        outcome(completed.backtestId(), completed.cycleId(), completed.strategyId());
    row.outcome = Outcome.SCORED;
    row.datasetId = completed.dataset().datasetId();
    row.template = completed.strategy().template();
    row.parameters = completed.strategy().parameters();
    BacktestMetrics m = completed.metrics();
    row.totalReturn = m.totalReturn();
    row.cagr = m.cagr();
    row.sharpe = m.sharpe();
    row.sortino = m.sortino();
    row.maxDrawdown = m.maxDrawdown();
    row.maxDrawdownBars = m.maxDrawdownBars();
    row.calmar = m.calmar();
    row.volatility = m.volatility();
    row.tradeCount = m.tradeCount();
    row.winRate = m.winRate();
    row.profitFactor = m.profitFactor();
    row.avgWin = m.avgWin();
    row.avgLoss = m.avgLoss();
    row.expectancy = m.expectancy();
    row.exposure = m.exposure();
    row.skewness = m.skewness();
    row.kurtosis = m.kurtosis();
    row.barCount = m.barCount();
    row.openAtEnd = completed.openAtEnd();
    row.durationMillis = completed.durationMillis();
    row.completedAt = completed.completedAt();
    row.score = score;
    WalkForwardSummary wf = completed.walkForward();
    if (wf != null) {
      row.foldCount = wf.folds().size();
      row.trials = wf.trials();
      row.evaluations = wf.evaluations();
      row.efficiency = wf.efficiency();
      row.walkForward =
          new WalkForwardRecord(
              wf.settings(), wf.folds().stream().map(ScoringMapper::fold).toList());
    }
    Provenance provenance = completed.provenance();
    row.datasetSha256 = provenance.datasetSha256();
    row.seed = provenance.seed();
    row.engineVersion = provenance.engineVersion();
    row.late = late;
    row.eventId = eventId;
    row.receivedAt = receivedAt;
    return row;
  }

  /** The row of a failed backtest. */
  public static StrategyResult failedResult(
      BacktestFailed failed, boolean late, UUID eventId, Instant receivedAt) {
    StrategyResult row = outcome(failed.backtestId(), failed.cycleId(), failed.strategyId());
    row.outcome = Outcome.FAILED;
    row.failureReason = failed.reason();
    row.failedAt = failed.failedAt();
    row.late = late;
    row.eventId = eventId;
    row.receivedAt = receivedAt;
    return row;
  }

  /**
   * The return series of a completed backtest, decoded: the event's points and how many bars each
   * compounds.
   */
  public static ReturnSeries returnSeries(BacktestCompleted completed) {
    ReturnSeries series = new ReturnSeries();
    series.backtestId = completed.backtestId();
    series.cycleId = completed.cycleId();
    series.strategyId = completed.strategyId();
    series.barsPerYear = completed.dataset().barsPerYear();
    series.barsPerPoint = completed.returns().barsPerPoint();
    series.returns = completed.returns().values();
    return series;
  }

  private static WalkForwardFold fold(FoldSummary f) {
    return new WalkForwardFold(
        f.index(),
        f.inSample().fromIndex(),
        f.inSample().toIndex(),
        f.outOfSample().fromIndex(),
        f.outOfSample().toIndex(),
        f.parameters(),
        f.inSampleMetrics().sharpe(),
        f.outOfSampleMetrics().sharpe());
  }

  /**
   * The rows of a cycle's decision: one per strategy it promoted or demoted (a strategy named twice
   * in one list is one fact).
   */
  public static List<CycleDecision> decisions(CycleCompleted completed) {
    List<CycleDecision> rows = new ArrayList<>();
    for (UUID id : new LinkedHashSet<>(completed.promoted())) {
      rows.add(decision(completed.cycleId(), CycleDecision.Kind.PROMOTED, id));
    }
    for (UUID id : new LinkedHashSet<>(completed.demoted())) {
      rows.add(decision(completed.cycleId(), CycleDecision.Kind.DEMOTED, id));
    }
    return rows;
  }

  private static CycleDecision decision(UUID cycleId, CycleDecision.Kind kind, UUID strategyId) {
    CycleDecision row = new CycleDecision();
    row.cycleId = cycleId;
    row.decision = kind;
    row.strategyId = strategyId;
    return row;
  }

  /**
   * The metrics of a scored result. A row recorded before the contracts carried {@code
   * maxDrawdownBars} (migration V3) has none, and the record has no null for it: such a row shows
   * 0, its other new metrics null.
   */
  public static BacktestMetrics metrics(StrategyResult row) {
    if (row.outcome != Outcome.SCORED) {
      throw new IllegalArgumentException("backtest " + row.backtestId + " has no metrics");
    }
    return new BacktestMetrics(
        row.totalReturn,
        row.cagr,
        row.sharpe,
        row.sortino,
        row.maxDrawdown,
        row.maxDrawdownBars == null ? 0 : row.maxDrawdownBars,
        row.calmar,
        row.volatility,
        row.tradeCount,
        row.winRate,
        row.profitFactor,
        row.avgWin,
        row.avgLoss,
        row.expectancy,
        row.exposure,
        row.skewness,
        row.kurtosis,
        row.barCount);
  }

  /** The walk-forward analysis of a scored result; null without one. */
  public static WalkForwardOutcome walkForward(StrategyResult row) {
    if (row.walkForward == null) {
      return null;
    }
    return new WalkForwardOutcome(
        row.walkForward.settings(),
        row.foldCount,
        row.trials,
        row.evaluations,
        row.efficiency,
        row.walkForward.folds());
  }

  /** The provenance of a scored result; null for a row recorded before it was sent. */
  public static Provenance provenance(StrategyResult row) {
    if (row.datasetSha256 == null || row.seed == null || row.engineVersion == null) {
      return null;
    }
    return new Provenance(row.datasetSha256, row.seed, row.engineVersion);
  }

  /** A cycle's scoring progress, the missing results counted as failed as in cycle.scored. */
  public static CycleScoring cycleScoring(ScoringCycle cycle) {
    return new CycleScoring(
        cycle.cycleId,
        cycle.status,
        cycle.expected,
        cycle.scored,
        cycle.failed + cycle.missing,
        cycle.missing,
        cycle.startedAt,
        cycle.scoredAt,
        cycle.completedAt);
  }

  /** One page of a cycle's ranking, with the cycle's progress. */
  public static LeaderboardPage leaderboardPage(ScoringCycle cycle, Page<LeaderboardItem> page) {
    CycleScoring progress = cycleScoring(cycle);
    return new LeaderboardPage(
        cycle.cycleId,
        cycle.status,
        cycle.expected,
        progress.scored(),
        progress.failed(),
        page.items(),
        page.page(),
        page.size(),
        page.total());
  }

  /** One line of a leaderboard. */
  public static LeaderboardItem leaderboardItem(int rank, StrategyResult row, boolean promoted) {
    return new LeaderboardItem(
        rank, row.strategyId, row.template, row.parameters, row.score, metrics(row), promoted);
  }

  /** A strategy's scorecard; {@code standing} is null for a strategy never promoted. */
  public static Scorecard scorecard(
      StrategyResult row, Integer rank, String formula, StrategyStanding standing) {
    return new Scorecard(
        row.strategyId,
        row.cycleId,
        row.template,
        row.parameters,
        row.score,
        rank,
        metrics(row),
        walkForward(row),
        provenance(row),
        formula,
        standing != null && standing.live,
        standing == null ? null : standing.promotedAt,
        standing == null ? null : standing.demotedAt,
        standing == null ? null : standing.demotionReason);
  }

  private static StrategyResult outcome(UUID backtestId, UUID cycleId, UUID strategyId) {
    StrategyResult row = new StrategyResult();
    row.backtestId = backtestId;
    row.cycleId = cycleId;
    row.strategyId = strategyId;
    return row;
  }
}

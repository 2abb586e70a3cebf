package io.backtest.scoring.mapping;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.scoring.domain.CycleDecision;
import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.ReturnSeries;
import io.backtest.scoring.domain.ScoringCycle;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.domain.StrategyStanding;
import io.backtest.scoring.rest.CycleScoring;
import io.backtest.scoring.rest.LeaderboardItem;
import io.backtest.scoring.rest.LeaderboardPage;
import io.backtest.scoring.rest.Scorecard;
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
    row.volatility = m.volatility();
    row.tradeCount = m.tradeCount();
    row.winRate = m.winRate();
    row.profitFactor = m.profitFactor();
    row.exposure = m.exposure();
    row.barCount = m.barCount();
    row.openAtEnd = completed.openAtEnd();
    row.durationMillis = completed.durationMillis();
    row.completedAt = completed.completedAt();
    row.score = score;
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

  /** The return series of a completed backtest. */
  public static ReturnSeries returnSeries(BacktestCompleted completed) {
    ReturnSeries series = new ReturnSeries();
    series.backtestId = completed.backtestId();
    series.cycleId = completed.cycleId();
    series.strategyId = completed.strategyId();
    series.barsPerYear = completed.dataset().barsPerYear();
    series.returns = completed.returns().clone();
    return series;
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

  /** The metrics of a scored result. */
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
        row.volatility,
        row.tradeCount,
        row.winRate,
        row.profitFactor,
        row.exposure,
        row.barCount);
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

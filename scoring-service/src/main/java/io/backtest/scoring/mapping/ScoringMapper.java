package io.backtest.scoring.mapping;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.RegimePerformance;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.engine.regime.RegimePerformanceReport;
import io.backtest.engine.regime.RegimePerformanceReport.BarRange;
import io.backtest.engine.selection.LiveReturns;
import io.backtest.engine.selection.ScoringInput;
import io.backtest.scoring.domain.CycleDecision;
import io.backtest.scoring.domain.CycleStatus;
import io.backtest.scoring.domain.GateChecks;
import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.ReturnSeries;
import io.backtest.scoring.domain.ScoreFormula;
import io.backtest.scoring.domain.ScoringCycle;
import io.backtest.scoring.domain.SeriesPoints;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.domain.StrategyStanding;
import io.backtest.scoring.domain.Verdict;
import io.backtest.scoring.domain.WalkForwardFold;
import io.backtest.scoring.domain.WalkForwardRecord;
import io.backtest.scoring.rest.CorrelationEntry;
import io.backtest.scoring.rest.CycleDiagnostics;
import io.backtest.scoring.rest.CycleScoring;
import io.backtest.scoring.rest.KeyStatistics;
import io.backtest.scoring.rest.LeaderboardItem;
import io.backtest.scoring.rest.LeaderboardPage;
import io.backtest.scoring.rest.ResultStatus;
import io.backtest.scoring.rest.Scorecard;
import io.backtest.scoring.rest.ScorecardCorrelations;
import io.backtest.scoring.rest.ScorecardVerdict;
import io.backtest.scoring.rest.WalkForwardOutcome;
import io.backtest.support.http.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events to rows, rows to API answers. */
public final class ScoringMapper {

  private ScoringMapper() {}

  /**
   * The score of results ranked before migration V4, for their scorecards: each result was scored
   * on arrival from its own metrics.
   */
  public static final String LEGACY_FORMULA =
      "sharpe × (1 − maxDrawdown) when the strategy traded, else 0 (scored on arrival, before the"
          + " composite score)";

  /** The row of a completed backtest: stored unscored, its cycle's close scores it. */
  public static StrategyResult scoredResult(
      BacktestCompleted completed, boolean late, UUID eventId, Instant receivedAt) {
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
    WalkForwardSummary wf = completed.walkForward();
    if (wf != null) {
      row.foldCount = wf.folds().size();
      row.trials = wf.trials();
      row.evaluations = wf.evaluations();
      row.efficiency = wf.efficiency();
      row.foldConsistency = foldConsistency(wf);
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

  /** Share of the walk-forward analysis' out-of-sample folds with a positive total return. */
  static double foldConsistency(WalkForwardSummary wf) {
    long profitable =
        wf.folds().stream().filter(f -> f.outOfSampleMetrics().totalReturn() > 0).count();
    return (double) profitable / wf.folds().size();
  }

  /**
   * The return series of a completed backtest, decoded: the event's points, how many bars each
   * compounds, and its alignment.
   */
  public static ReturnSeries returnSeries(BacktestCompleted completed) {
    ReturnSeries series = new ReturnSeries();
    series.backtestId = completed.backtestId();
    series.cycleId = completed.cycleId();
    series.strategyId = completed.strategyId();
    series.barsPerYear = completed.dataset().barsPerYear();
    series.barsPerPoint = completed.returns().barsPerPoint();
    series.alignment =
        alignment(
            completed.provenance().datasetSha256(),
            completed.walkForward(),
            completed.returns().barsPerPoint());
    series.returns = completed.returns().values();
    return series;
  }

  /**
   * What makes two series comparable point by point: {@code <dataset sha256>:<first out-of-sample
   * bar>:<barsPerPoint>}, the first out-of-sample bar being the first fold's ({@code 0} without a
   * walk-forward analysis, whose series covers the whole dataset).
   */
  public static String alignment(String datasetSha256, WalkForwardSummary wf, int barsPerPoint) {
    int firstBar = wf == null ? 0 : wf.folds().getFirst().outOfSample().fromIndex();
    return datasetSha256 + ":" + firstBar + ":" + barsPerPoint;
  }

  /**
   * A counted result as the cycle scorer reads it: its stored series and what its metrics and
   * walk-forward analysis say. An undefined profit factor (no loss) is passed as NaN, which the
   * statistics report as 0.
   */
  public static ScoringInput scoringInput(StrategyResult row, SeriesPoints series) {
    if (!row.backtestId.equals(series.backtestId())) {
      throw new IllegalArgumentException(
          "series of backtest " + series.backtestId() + " for result " + row.backtestId);
    }
    return new ScoringInput(
        row.strategyId,
        series.returns(),
        series.pointsPerYear(),
        series.barsPerPoint(),
        series.alignment(),
        row.tradeCount,
        row.profitFactor == null ? Double.NaN : row.profitFactor,
        row.winRate,
        trials(row),
        row.foldConsistency,
        row.efficiency);
  }

  /**
   * A counted result's out-of-sample record per regime of the dataset ({@link
   * RegimePerformanceReport}): its points mapped to the dataset bars they end on through the
   * walk-forward analysis' out-of-sample windows, in fold order (the whole dataset, {@code [0,
   * barCount)}, without one).
   *
   * @throws IllegalArgumentException if the series does not fit those windows (the result's bars
   *     and its points disagree)
   */
  public static List<RegimePerformance> regimes(
      StrategyResult row, SeriesPoints series, List<RegimeRun> runs) {
    if (runs.isEmpty()) {
      return List.of();
    }
    List<BarRange> windows;
    if (row.walkForward != null) {
      windows =
          row.walkForward.folds().stream()
              .map(f -> new BarRange(f.outOfSampleFrom(), f.outOfSampleTo()))
              .toList();
    } else if (row.barCount != null && row.barCount > 0) {
      windows = List.of(new BarRange(0, row.barCount));
    } else {
      throw new IllegalArgumentException("backtest " + row.backtestId + " has no bar count");
    }
    int[] lastBars =
        RegimePerformanceReport.lastBars(windows, series.returns().length, series.barsPerPoint());
    return RegimePerformanceReport.of(series.returns(), lastBars, series.pointsPerYear(), runs);
  }

  /** Parameter sets a result's walk-forward analysis tried; 1 without one. */
  public static int trials(StrategyResult row) {
    return row.trials == null ? 1 : row.trials;
  }

  /** A live strategy's stored series, for correlation with the candidates. */
  public static LiveReturns liveReturns(SeriesPoints series) {
    return new LiveReturns(series.strategyId(), series.returns(), series.alignment());
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

  /**
   * The rows of the gate's verdicts on a cycle's candidates, one per strategy (the first of a
   * strategy named twice).
   */
  public static List<Verdict> verdicts(CycleCompleted completed) {
    Map<UUID, Verdict> rows = new LinkedHashMap<>();
    for (CandidateVerdict v : completed.verdicts()) {
      Verdict row = new Verdict();
      row.cycleId = completed.cycleId();
      row.strategyId = v.strategyId();
      row.rank = v.rank();
      row.outcome = v.outcome();
      row.reason = v.reason();
      row.gates = new GateChecks(v.gates());
      rows.putIfAbsent(v.strategyId(), row);
    }
    return List.copyOf(rows.values());
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
        cycle.completedAt,
        diagnostics(cycle));
  }

  /**
   * What the cycle's close computed; null while the cycle is open, and for a cycle closed before
   * the composite score (or decided without being scored).
   */
  public static CycleDiagnostics diagnostics(ScoringCycle cycle) {
    if (cycle.trials == null || cycle.weights == null) {
      return null;
    }
    return new CycleDiagnostics(
        cycle.trials,
        cycle.cycleTrials,
        cycle.trialSharpeVariance,
        cycle.overfitting,
        cycle.weights,
        ScoreFormula.describe(cycle.weights));
  }

  /** One page of a cycle's ranking, with the cycle's progress and diagnostics. */
  public static LeaderboardPage leaderboardPage(ScoringCycle cycle, Page<LeaderboardItem> page) {
    CycleScoring progress = cycleScoring(cycle);
    return new LeaderboardPage(
        cycle.cycleId,
        cycle.status,
        cycle.expected,
        progress.scored(),
        progress.failed(),
        progress.diagnostics(),
        page.items(),
        page.page(),
        page.size(),
        page.total());
  }

  /**
   * One line of a leaderboard.
   *
   * @param verdict the gate's outcome on it; null until decided
   */
  public static LeaderboardItem leaderboardItem(
      StrategyResult row, String verdict, boolean promoted) {
    return new LeaderboardItem(
        row.rank,
        row.strategyId,
        row.template,
        row.parameters,
        row.score,
        keyStatistics(row.statistics),
        metrics(row),
        verdict,
        promoted);
  }

  /** The statistics a leaderboard line shows; null for a result ranked before them. */
  public static KeyStatistics keyStatistics(CandidateStatistics s) {
    if (s == null) {
      return null;
    }
    return new KeyStatistics(
        s.deflatedSharpe(),
        s.probabilisticSharpe(),
        s.sharpe(),
        s.sortino(),
        s.calmar(),
        s.maxDrawdown(),
        s.tStatistic(),
        s.foldConsistency(),
        s.tradeCount(),
        s.backtestYears(),
        s.minBacktestYears());
  }

  /** Where a scored result is in its cycle's scoring. */
  public static ResultStatus status(StrategyResult row, ScoringCycle cycle) {
    if (row.rank != null) {
      return ResultStatus.RANKED;
    }
    return !row.late && cycle.isOpen() ? ResultStatus.PENDING : ResultStatus.LATE;
  }

  /**
   * The gate's decision on a strategy as its scorecard shows it.
   *
   * @param verdict its verdict from cycle.completed, or null
   */
  public static ScorecardVerdict scorecardVerdict(ScoringCycle cycle, Verdict verdict) {
    if (verdict != null) {
      return new ScorecardVerdict(true, verdict.outcome, verdict.reason, verdict.gates.checks());
    }
    if (cycle.status == CycleStatus.COMPLETED) {
      return new ScorecardVerdict(
          true,
          null,
          "the cycle's decision (cycle.completed) has no verdict on this strategy: it was not"
              + " ranked in it",
          List.of());
    }
    return new ScorecardVerdict(false, null, "not decided yet", List.of());
  }

  /**
   * A strategy's correlations, decoded from those its cycle's close stored; null when none are
   * stored.
   */
  public static ScorecardCorrelations scorecardCorrelations(
      UUID strategyId, Correlations correlations) {
    if (correlations == null) {
      return null;
    }
    int row = correlations.candidates().indexOf(strategyId);
    int n = correlations.candidates().size();
    if (row < 0) {
      return new ScorecardCorrelations(
          false,
          "not among the "
              + n
              + " best candidates of its cycle, for which correlations were computed",
          List.of(),
          List.of());
    }
    double[][] among = correlations.amongCandidatesMatrix();
    double[][] withLive = correlations.withLiveMatrix();
    List<CorrelationEntry> live = new ArrayList<>(correlations.live().size());
    for (int j = 0; j < correlations.live().size(); j++) {
      live.add(new CorrelationEntry(correlations.live().get(j), null, value(withLive[row][j])));
    }
    List<CorrelationEntry> candidates = new ArrayList<>(Math.max(0, n - 1));
    for (int j = 0; j < n; j++) {
      if (j != row) {
        // the correlated candidates are the ranking's first n, best first: index j is rank j + 1
        candidates.add(
            new CorrelationEntry(correlations.candidates().get(j), j + 1, value(among[row][j])));
      }
    }
    return new ScorecardCorrelations(
        true,
        "with the "
            + live.size()
            + " strategies live when the cycle closed and the cycle's other "
            + candidates.size()
            + " best candidates; null where the returns are not comparable (other data or bars)",
        live,
        candidates);
  }

  /** A correlation as published (binary32), in its shortest decimal form; null for NaN. */
  private static Double value(double correlation) {
    return Double.isNaN(correlation) ? null : Double.valueOf(Float.toString((float) correlation));
  }

  /**
   * A strategy's scorecard.
   *
   * @param standing its live standing; null for a strategy never promoted
   * @param verdict the gate's decision on it
   * @param correlations its correlations; null until ranked
   * @param formula how its score is computed
   */
  public static Scorecard scorecard(
      StrategyResult row,
      ScoringCycle cycle,
      StrategyStanding standing,
      ScorecardVerdict verdict,
      ScorecardCorrelations correlations,
      String formula) {
    return new Scorecard(
        row.strategyId,
        row.cycleId,
        row.template,
        row.parameters,
        status(row, cycle),
        row.rank == null ? null : row.score,
        row.rank,
        metrics(row),
        row.statistics,
        row.regimes == null ? List.of() : row.regimes.regimes(),
        walkForward(row),
        provenance(row),
        formula,
        verdict,
        correlations,
        diagnostics(cycle),
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

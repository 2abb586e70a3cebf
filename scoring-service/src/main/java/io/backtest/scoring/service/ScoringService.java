package io.backtest.scoring.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.RegimePerformance;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.engine.selection.CycleScore;
import io.backtest.engine.selection.CycleScorer;
import io.backtest.engine.selection.LiveReturns;
import io.backtest.engine.selection.ScoringInput;
import io.backtest.engine.selection.TrialHistory;
import io.backtest.scoring.config.ScoringConfig;
import io.backtest.scoring.domain.CycleCorrelations;
import io.backtest.scoring.domain.CycleRegimes;
import io.backtest.scoring.domain.CycleStatus;
import io.backtest.scoring.domain.RegimeRecord;
import io.backtest.scoring.domain.ScoringCycle;
import io.backtest.scoring.domain.SeriesPoints;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.domain.TrialLedgerEntry;
import io.backtest.scoring.mapping.ScoringMapper;
import io.backtest.scoring.repository.CorrelationRepository;
import io.backtest.scoring.repository.CycleRepository;
import io.backtest.scoring.repository.DecisionRepository;
import io.backtest.scoring.repository.ResultRepository;
import io.backtest.scoring.repository.ReturnSeriesRepository;
import io.backtest.scoring.repository.StandingRepository;
import io.backtest.scoring.repository.TrialLedgerRepository;
import io.backtest.scoring.repository.VerdictRepository;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Correlation;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Stores and counts a cycle's backtest results, and closes the cycle exactly once when every
 * announced result is in or when it went quiet for too long: then, and only then, scores all its
 * counted results together ({@link CycleScorer}: the honest statistics depend on the whole cycle),
 * extends the trial ledger and emits {@code strategy.scored} per result and {@code cycle.scored}.
 * Records the promotion decision on the cycle ({@code cycle.completed}) once, and keeps the live
 * standing of strategies ({@code strategy.promoted} / {@code strategy.demoted}).
 *
 * <p>Every method that touches a cycle first takes the cycle's row lock ({@link
 * CycleRepository#lockOrCreate}): the events of one cycle arrive on several topics at once, and the
 * lock makes "count, then complete if all are in" one step. The scores, ranks, statistics, the
 * ledger entry and the events go into the same transaction that sets the cycle's {@code
 * scored_event_id}, so they are written and emitted once however the events interleave or are
 * redelivered.
 */
@ApplicationScoped
public class ScoringService {
  private final CycleRepository cycles;
  private final ResultRepository results;
  private final ReturnSeriesRepository returnSeries;
  private final StandingRepository standings;
  private final DecisionRepository decisions;
  private final VerdictRepository verdicts;
  private final TrialLedgerRepository ledger;
  private final CorrelationRepository correlations;
  private final CycleScorer scorer;
  private final ScoringConfig config;
  private final Outbox outbox;
  private final PlatformConfig platform;
  private final Vertx vertx;

  public ScoringService(
      CycleRepository cycles,
      ResultRepository results,
      ReturnSeriesRepository returnSeries,
      StandingRepository standings,
      DecisionRepository decisions,
      VerdictRepository verdicts,
      TrialLedgerRepository ledger,
      CorrelationRepository correlations,
      CycleScorer scorer,
      ScoringConfig config,
      Outbox outbox,
      PlatformConfig platform,
      Vertx vertx) {
    this.cycles = cycles;
    this.results = results;
    this.returnSeries = returnSeries;
    this.standings = standings;
    this.decisions = decisions;
    this.verdicts = verdicts;
    this.ledger = ledger;
    this.correlations = correlations;
    this.scorer = scorer;
    this.config = config;
    this.outbox = outbox;
    this.platform = platform;
    this.vertx = vertx;
  }

  /**
   * Records what {@code cycle.started} announces; closes the cycle at once if its results all came
   * first.
   */
  @WithTransaction
  public Uni<Void> startCycle(EventEnvelope<CycleStarted> event) {
    CycleStarted started = event.data();
    Instant now = Instant.now();
    return cycles
        .lockOrCreate(started.cycleId(), event.correlationId(), now)
        .chain(
            cycle -> {
              if (cycle.startedAt != null) {
                Log.warnf(
                    "cycle %s: cycle.started %s repeats an earlier one (expected %s, now %d);"
                        + " the first is kept",
                    cycle.cycleId, event.id(), cycle.expected, started.candidates());
                return Uni.createFrom().voidItem();
              }
              fillDataset(cycle, started.dataset());
              cycle.templates = started.templates().toArray(String[]::new);
              cycle.walkForward = started.walkForward();
              cycle.seed = started.seed();
              cycle.regimes = new CycleRegimes(started.regimes());
              if (cycle.isOpen()) {
                // null: the configured defaults, taken when the cycle closes
                cycle.weights = started.scoring();
              }
              cycle.startedAt = started.startedAt();
              // the cycle's own correlation id, should an earlier result have carried another
              cycle.correlationId = event.correlationId();
              if (!cycle.isOpen()) {
                Log.warnf(
                    "cycle %s: cycle.started arrived after the cycle was closed (%s) with %d"
                        + " results; %d were announced, the published numbers stand",
                    cycle.cycleId, cycle.status, cycle.expected, started.candidates());
                return Uni.createFrom().voidItem();
              }
              cycle.expected = started.candidates();
              cycle.lastActivityAt = now;
              Log.infof(
                  "cycle %s: %d candidates of %s on %s (%s), %d results already in",
                  cycle.cycleId,
                  started.candidates(),
                  String.join(", ", started.templates()),
                  started.dataset().datasetId(),
                  started.walkForward() == null
                      ? "no walk-forward analysis"
                      : "walk-forward " + started.walkForward(),
                  cycle.scored + cycle.failed);
              return completeIfAllIn(cycle, event.id(), now);
            });
  }

  /**
   * Stores a completed backtest with its return series, unscored, counts it and closes its cycle if
   * this was the last result (which scores the cycle). A strategy's first outcome in a cycle
   * counts; a later one (another backtest of the same candidate) is logged and ignored.
   */
  @WithTransaction
  public Uni<Void> recordBacktest(EventEnvelope<BacktestCompleted> event) {
    BacktestCompleted completed = event.data();
    return recordOutcome(
        event, completed.cycleId(), completed.strategyId(), completed.backtestId(), this::store);
  }

  /** Counts a failed backtest and closes its cycle if this was the last result. */
  @WithTransaction
  public Uni<Void> recordFailure(EventEnvelope<BacktestFailed> event) {
    BacktestFailed failed = event.data();
    return recordOutcome(
        event, failed.cycleId(), failed.strategyId(), failed.backtestId(), this::fail);
  }

  /** What a first outcome of a strategy in a cycle does, under the cycle's lock. */
  @FunctionalInterface
  private interface OutcomeEffect<T> {
    Uni<Void> apply(ScoringCycle cycle, EventEnvelope<T> event, Instant now);
  }

  /**
   * Locks the outcome's cycle (creating it if this is its first event) and applies {@code effect}
   * unless the strategy already has an outcome in the cycle.
   */
  private <T> Uni<Void> recordOutcome(
      EventEnvelope<T> event,
      UUID cycleId,
      UUID strategyId,
      UUID backtestId,
      OutcomeEffect<T> effect) {
    Instant now = Instant.now();
    return cycles
        .lockOrCreate(cycleId, event.correlationId(), now)
        .chain(
            cycle ->
                results
                    .findOutcome(cycleId, strategyId)
                    .chain(
                        existing ->
                            existing != null
                                ? ignoreSecondOutcome(existing, backtestId, event)
                                : effect.apply(cycle, event, now)));
  }

  /**
   * Records the promotion decision on a cycle ({@code cycle.completed}): the strategies it promoted
   * and demoted, the gate's verdict on every ranked candidate, and the status {@code COMPLETED}.
   * The first decision recorded for a cycle stands; a later {@code cycle.completed} of the same
   * cycle (another event id) is logged and ignored. A cycle scoring never saw is created for it; a
   * cycle still open with results in is closed (scored) first, so that its trials enter the ledger.
   */
  @WithTransaction
  public Uni<Void> recordCompletion(EventEnvelope<CycleCompleted> event) {
    CycleCompleted completed = event.data();
    Instant now = Instant.now();
    return cycles
        .lockOrCreate(completed.cycleId(), event.correlationId(), now)
        .chain(
            cycle -> {
              if (cycle.completedEventId != null) {
                Log.warnf(
                    "cycle %s: cycle.completed %s repeats the decision recorded from event %s;"
                        + " the first stands",
                    cycle.cycleId, event.id(), cycle.completedEventId);
                return Uni.createFrom().voidItem();
              }
              Uni<Void> closed = Uni.createFrom().voidItem();
              if (cycle.startedAt == null && cycle.scored + cycle.failed == 0) {
                Log.warnf(
                    "cycle %s: decided, but scoring never saw any of its events; recorded without"
                        + " a ranking",
                    cycle.cycleId);
              } else if (cycle.status == CycleStatus.SCORING && cycle.scored + cycle.failed > 0) {
                Log.warnf(
                    "cycle %s: decided while scoring had it open (%s); scoring what is in first,"
                        + " results arriving from now on are kept as late",
                    cycle.cycleId, progress(cycle));
                closed = close(cycle, CycleStatus.SCORED, event.id().toString(), now);
              } else if (cycle.status == CycleStatus.SCORING) {
                Log.warnf(
                    "cycle %s: decided before any of its results arrived; results arriving from"
                        + " now on are kept as late",
                    cycle.cycleId);
              }
              return closed.chain(
                  () -> {
                    CycleStatus previous = cycle.status;
                    cycle.status = CycleStatus.COMPLETED;
                    cycle.completedEventId = event.id();
                    cycle.completedAt = completed.completedAt();
                    Log.infof(
                        "cycle %s COMPLETED (was %s): %d promoted, %d demoted, %d verdicts; %s",
                        cycle.cycleId,
                        previous,
                        completed.promoted().size(),
                        completed.demoted().size(),
                        completed.verdicts().size(),
                        completed.summary());
                    return persistAll(decisions, ScoringMapper.decisions(completed))
                        .chain(() -> persistAll(verdicts, ScoringMapper.verdicts(completed)));
                  });
            });
  }

  /** Persists the rows, if any (Panache refuses an empty batch). */
  private static <E> Uni<Void> persistAll(PanacheRepositoryBase<E, ?> repository, List<E> rows) {
    return rows.isEmpty() ? Uni.createFrom().voidItem() : repository.persist(rows);
  }

  /** Marks a strategy live, unless a later decision about it is already recorded. */
  @WithTransaction
  public Uni<Void> promote(EventEnvelope<StrategyPromoted> event) {
    StrategyPromoted promoted = event.data();
    return standings
        .promote(
            promoted.strategyId(),
            promoted.cycleId(),
            promoted.rank(),
            promoted.promotedAt(),
            event.id())
        .invoke(
            applied -> {
              if (applied) {
                Log.infof(
                    "strategy %s promoted (rank %d in cycle %s, %d of %d live)",
                    promoted.strategyId(),
                    promoted.rank(),
                    promoted.cycleId(),
                    promoted.liveCount(),
                    promoted.cap());
              } else {
                Log.infof(
                    "strategy %s: promotion at %s ignored, a later decision is recorded",
                    promoted.strategyId(), promoted.promotedAt());
              }
            })
        .replaceWithVoid();
  }

  /** Marks a strategy no longer live, unless a later decision about it is already recorded. */
  @WithTransaction
  public Uni<Void> demote(EventEnvelope<StrategyDemoted> event) {
    StrategyDemoted demoted = event.data();
    return standings
        .demote(demoted.strategyId(), demoted.reason(), demoted.demotedAt(), event.id())
        .invoke(
            applied -> {
              if (applied) {
                Log.infof("strategy %s demoted: %s", demoted.strategyId(), demoted.reason());
              } else {
                Log.infof(
                    "strategy %s: demotion at %s ignored, a later decision is recorded",
                    demoted.strategyId(), demoted.demotedAt());
              }
            })
        .replaceWithVoid();
  }

  /**
   * Closes a cycle that had no event since {@code cutoff}: scores and ranks the results that are
   * in, emits {@code cycle.scored} with the missing ones counted as failed (their trials estimated
   * at the scored ones' mean), and sets the status to {@code TIMED_OUT}. Does nothing if the cycle
   * closed or heard from a result meanwhile.
   *
   * @return whether the cycle was closed
   */
  @WithTransaction
  public Uni<Boolean> closeIfQuiet(UUID cycleId, Instant cutoff) {
    Instant now = Instant.now();
    return cycles
        .lock(cycleId)
        .chain(
            cycle -> {
              if (cycle == null || !cycle.isOpen() || !cycle.lastActivityAt.isBefore(cutoff)) {
                return Uni.createFrom().item(false);
              }
              Correlation.set(cycle.correlationId);
              Duration quiet = Duration.between(cycle.lastActivityAt, now);
              if (cycle.expected == null) {
                Log.warnf(
                    "cycle %s TIMED OUT: cycle.started never arrived and nothing was heard for"
                        + " %s; closing with the %d scored and %d failed results that are in",
                    cycle.cycleId, quiet, cycle.scored, cycle.failed);
              } else {
                Log.warnf(
                    "cycle %s TIMED OUT: nothing heard for %s; %d of %d results missing, counted"
                        + " as failed (%d scored, %d failed)",
                    cycle.cycleId,
                    quiet,
                    cycle.expected - cycle.scored - cycle.failed,
                    cycle.expected,
                    cycle.scored,
                    cycle.failed);
              }
              return close(cycle, CycleStatus.TIMED_OUT, null, now).replaceWith(true);
            });
  }

  private Uni<Void> fail(ScoringCycle cycle, EventEnvelope<BacktestFailed> event, Instant now) {
    BacktestFailed failed = event.data();
    boolean late = !cycle.isOpen();
    Uni<Void> stored =
        results
            .persist(ScoringMapper.failedResult(failed, late, event.id(), now))
            .replaceWithVoid();
    if (late) {
      Log.warnf(
          "cycle %s: backtest %s of strategy %s failed after the cycle was closed (%s); stored,"
              + " not counted: %s",
          cycle.cycleId, failed.backtestId(), failed.strategyId(), cycle.status, failed.reason());
      return stored;
    }
    cycle.failed++;
    cycle.lastActivityAt = now;
    Log.infof(
        "cycle %s: backtest of strategy %s failed (%s); %s",
        cycle.cycleId, failed.strategyId(), failed.reason(), progress(cycle));
    return stored.chain(() -> completeIfAllIn(cycle, event.id(), now));
  }

  private Uni<Void> store(ScoringCycle cycle, EventEnvelope<BacktestCompleted> event, Instant now) {
    BacktestCompleted completed = event.data();
    boolean late = !cycle.isOpen();
    fillDataset(cycle, completed.dataset());
    Uni<Void> stored =
        results
            .persist(ScoringMapper.scoredResult(completed, late, event.id(), now))
            .chain(() -> returnSeries.persist(ScoringMapper.returnSeries(completed)))
            .replaceWithVoid();
    if (late) {
      Log.warnf(
          "cycle %s: backtest %s of strategy %s completed after the cycle was closed (%s); stored,"
              + " never scored or ranked",
          cycle.cycleId, completed.backtestId(), completed.strategyId(), cycle.status);
      return stored;
    }
    cycle.scored++;
    cycle.lastActivityAt = now;
    Log.infof(
        "cycle %s: strategy %s in (sharpe %.4f, max drawdown %.4f, %d trades%s); %s",
        cycle.cycleId,
        completed.strategyId(),
        completed.metrics().sharpe(),
        completed.metrics().maxDrawdown(),
        completed.metrics().tradeCount(),
        completed.walkForward() == null
            ? ""
            : ", out of sample over "
                + completed.walkForward().folds().size()
                + " folds, "
                + completed.walkForward().trials()
                + " trials",
        progress(cycle));
    return stored.chain(() -> completeIfAllIn(cycle, event.id(), now));
  }

  private Uni<Void> completeIfAllIn(ScoringCycle cycle, UUID causationId, Instant now) {
    if (!cycle.isOpen() || !cycle.allResultsIn()) {
      return Uni.createFrom().voidItem();
    }
    if (cycle.scored + cycle.failed > cycle.expected) {
      Log.warnf(
          "cycle %s: %d results for %d announced candidates",
          cycle.cycleId, cycle.scored + cycle.failed, cycle.expected);
    }
    return close(cycle, CycleStatus.SCORED, causationId.toString(), now);
  }

  /**
   * Closes the cycle: scores and ranks its counted results together, records their scores, ranks
   * and statistics and the cycle's diagnostics, extends the trial ledger, and emits {@code
   * strategy.scored} per ranked result and {@code cycle.scored}, all in the caller's transaction.
   */
  private Uni<Void> close(ScoringCycle cycle, CycleStatus status, String causationId, Instant now) {
    if (cycle.expected == null) {
      // cycle.started never came: what is in is all that is known
      cycle.expected = cycle.scored + cycle.failed;
    }
    cycle.missing = Math.max(0, cycle.expected - cycle.scored - cycle.failed);
    ScoringWeights weights =
        cycle.weights != null ? cycle.weights : config.weights().toScoringWeights();
    // the queries must see the result stored in this transaction
    return results
        .flush()
        .chain(() -> closeInputs(cycle))
        .chain(
            inputs ->
                score(cycle, inputs, weights)
                    .chain(
                        score ->
                            record(
                                cycle,
                                status,
                                causationId,
                                now,
                                inputs.rows(),
                                inputs.series(),
                                weights,
                                score)));
  }

  /**
   * What a close reads: the counted results (by strategy id) with their series, the live
   * strategies' series, and the ledger's earlier trials on the instrument.
   */
  private record CloseInputs(
      List<StrategyResult> rows,
      List<SeriesPoints> series,
      List<SeriesPoints> live,
      TrialHistory earlier) {
    CloseInputs withLive(List<SeriesPoints> liveSeries) {
      return new CloseInputs(rows, series, liveSeries, earlier);
    }

    CloseInputs withEarlier(TrialHistory history) {
      return new CloseInputs(rows, series, live, history);
    }
  }

  /** Loads a close's inputs, one query after the other (a session is not concurrent). */
  private Uni<CloseInputs> closeInputs(ScoringCycle cycle) {
    return results
        .findCounted(cycle.cycleId)
        .chain(
            rows ->
                returnSeries
                    .findCounted(cycle.cycleId)
                    .map(series -> new CloseInputs(rows, series, List.of(), TrialHistory.NONE)))
        .chain(inputs -> returnSeries.findLive(cycle.cycleId).map(inputs::withLive))
        .chain(inputs -> earlierTrials(cycle).map(inputs::withEarlier));
  }

  /**
   * The ledger's trials on the cycle's instrument before this cycle, under the instrument's lock;
   * none when the instrument is unknown (no result and no cycle.started named it).
   */
  private Uni<TrialHistory> earlierTrials(ScoringCycle cycle) {
    if (cycle.symbol == null || cycle.timeframe == null) {
      return Uni.createFrom().item(TrialHistory.NONE);
    }
    return ledger
        .lockInstrument(cycle.symbol, cycle.timeframe)
        .chain(() -> ledger.earlier(cycle.symbol, cycle.timeframe, cycle.cycleId));
  }

  /** Runs the cycle scorer off the event loop (CSCV over a few hundred series takes a while). */
  private Uni<CycleScore> score(ScoringCycle cycle, CloseInputs in, ScoringWeights weights) {
    Map<UUID, SeriesPoints> byBacktest = new HashMap<>();
    in.series().forEach(s -> byBacktest.put(s.backtestId(), s));
    List<StrategyResult> rows = in.rows();
    List<ScoringInput> inputs = new ArrayList<>(rows.size());
    long scoredTrials = 0;
    for (StrategyResult row : rows) {
      SeriesPoints points = byBacktest.get(row.backtestId);
      if (points == null) {
        throw new IllegalStateException(
            "cycle " + cycle.cycleId + ": backtest " + row.backtestId + " has no return series");
      }
      inputs.add(ScoringMapper.scoringInput(row, points));
      scoredTrials += ScoringMapper.trials(row);
    }
    long uncounted = uncountedTrials(cycle.failed + cycle.missing, scoredTrials, rows.size());
    List<LiveReturns> live = in.live().stream().map(ScoringMapper::liveReturns).toList();
    TrialHistory earlier = in.earlier();
    return offload(() -> scorer.score(inputs, live, earlier, uncounted, weights));
  }

  /**
   * Trials of the results that were not scored (failed or never arrived): each is assumed to have
   * tried as many parameter sets as the scored ones did on average, rounded up; none when nothing
   * was scored. A trial made is a trial made, whether or not its result came back.
   */
  static long uncountedTrials(int unscored, long scoredTrials, int scored) {
    if (scored == 0 || unscored == 0) {
      return 0;
    }
    return Math.ceilDiv(scoredTrials * unscored, scored);
  }

  /** Writes what the close computed and emits its events. */
  private Uni<Void> record(
      ScoringCycle cycle,
      CycleStatus status,
      String causationId,
      Instant now,
      List<StrategyResult> rows,
      List<SeriesPoints> series,
      ScoringWeights weights,
      CycleScore score) {
    Map<UUID, StrategyResult> byStrategy = new HashMap<>();
    rows.forEach(row -> byStrategy.put(row.strategyId, row));
    Map<UUID, SeriesPoints> seriesByBacktest = new HashMap<>();
    series.forEach(s -> seriesByBacktest.put(s.backtestId(), s));
    List<EventEnvelope<StrategyScored>> perResult = new ArrayList<>(score.ranking().size());
    List<RankedStrategy> ranking = new ArrayList<>(score.ranking().size());
    for (RankedStrategy scored : score.ranking()) {
      StrategyResult row = byStrategy.get(scored.strategyId());
      RankedStrategy ranked =
          scored.withRegimes(regimes(cycle, row, seriesByBacktest.get(row.backtestId)));
      ranking.add(ranked);
      row.score = ranked.score();
      row.rank = ranked.rank();
      row.statistics = ranked.statistics();
      row.regimes = new RegimeRecord(ranked.regimes());
      perResult.add(
          EventEnvelope.create(
              EventCatalog.STRATEGY_SCORED,
              platform.source(),
              row.strategyId.toString(),
              cycle.correlationId,
              // the score is of the result that event brought
              row.eventId.toString(),
              new StrategyScored(
                  row.strategyId,
                  cycle.cycleId,
                  ranked.rank(),
                  ranked.score(),
                  ScoringMapper.metrics(row),
                  ranked.statistics(),
                  now)));
    }
    EventEnvelope<CycleScored> event =
        EventEnvelope.create(
            EventCatalog.CYCLE_SCORED,
            platform.source(),
            cycle.cycleId.toString(),
            cycle.correlationId,
            causationId,
            new CycleScored(
                cycle.cycleId,
                cycle.expected,
                cycle.scored,
                cycle.failed + cycle.missing,
                ranking,
                score.trials(),
                score.cycleTrials(),
                score.trialSharpeVariance(),
                score.overfitting(),
                weights,
                score.correlations(),
                now));
    cycle.status = status;
    cycle.scoredEventId = event.id();
    cycle.scoredAt = now;
    cycle.weights = weights;
    cycle.trials = score.trials();
    cycle.cycleTrials = score.cycleTrials();
    cycle.trialSharpeVariance = score.trialSharpeVariance();
    cycle.overfitting = score.overfitting();
    Log.infof(
        "cycle %s %s: %d scored, %d failed, %d missing of %d; %d trials (%d in this cycle),"
            + " PBO %s; best %s",
        cycle.cycleId,
        status,
        cycle.scored,
        cycle.failed,
        cycle.missing,
        cycle.expected,
        score.trials(),
        score.cycleTrials(),
        score.overfitting() == null ? "n/a" : score.overfitting().pbo(),
        score.ranking().isEmpty()
            ? "none"
            : score.ranking().getFirst().strategyId()
                + " at "
                + score.ranking().getFirst().score());
    return recordCorrelations(cycle, score)
        .chain(() -> recordTrials(cycle, score, now))
        .chain(() -> outbox.addAll(EventCatalog.STRATEGY_SCORED, perResult))
        .chain(() -> outbox.add(EventCatalog.CYCLE_SCORED, event));
  }

  /**
   * A ranked result's out-of-sample record per regime of the dataset; none when the dataset's
   * regimes are unknown, or (with a warning) when its series does not fit its out-of-sample bars.
   */
  private static List<RegimePerformance> regimes(
      ScoringCycle cycle, StrategyResult row, SeriesPoints series) {
    if (cycle.regimeRuns().isEmpty()) {
      return List.of();
    }
    try {
      return ScoringMapper.regimes(row, series, cycle.regimeRuns());
    } catch (IllegalArgumentException e) {
      Log.warnf(
          "cycle %s: strategy %s has no per-regime figures: %s",
          cycle.cycleId, row.strategyId, e.getMessage());
      return List.of();
    }
  }

  private Uni<Void> recordCorrelations(ScoringCycle cycle, CycleScore score) {
    if (score.correlations() == null) {
      return Uni.createFrom().voidItem();
    }
    CycleCorrelations row = new CycleCorrelations();
    row.cycleId = cycle.cycleId;
    row.correlations = score.correlations();
    return correlations.persist(row).replaceWithVoid();
  }

  /** The cycle's entry in the trial ledger; none when its instrument is unknown. */
  private Uni<Void> recordTrials(ScoringCycle cycle, CycleScore score, Instant now) {
    if (cycle.symbol == null || cycle.timeframe == null) {
      Log.warnf(
          "cycle %s: instrument unknown, its %d trials are not in the trial ledger",
          cycle.cycleId, score.cycleTrials());
      return Uni.createFrom().voidItem();
    }
    return ledger
        .persist(
            TrialLedgerEntry.of(
                cycle.cycleId, cycle.symbol, cycle.timeframe, score.contribution(), now))
        .replaceWithVoid();
  }

  /** Runs {@code work} on a worker thread; the result arrives on the caller's Vert.x context. */
  private <T> Uni<T> offload(Callable<T> work) {
    return Uni.createFrom()
        .completionStage(() -> vertx.executeBlocking(work, false).toCompletionStage());
  }

  private static Uni<Void> ignoreSecondOutcome(
      StrategyResult existing, UUID backtestId, EventEnvelope<?> event) {
    if (existing.backtestId.equals(backtestId)) {
      Log.infof(
          "cycle %s: backtest %s of strategy %s is already recorded; event %s changes nothing",
          existing.cycleId, backtestId, existing.strategyId, event.id());
    } else {
      Log.warnf(
          "cycle %s: strategy %s already has a %s outcome (backtest %s); backtest %s in event %s"
              + " is ignored",
          existing.cycleId,
          existing.strategyId,
          existing.outcome,
          existing.backtestId,
          backtestId,
          event.id());
    }
    return Uni.createFrom().voidItem();
  }

  private static void fillDataset(ScoringCycle cycle, DatasetRef dataset) {
    if (cycle.datasetId == null) {
      cycle.datasetId = dataset.datasetId();
      cycle.symbol = dataset.symbol();
      cycle.timeframe = dataset.timeframe();
      cycle.barsPerYear = dataset.barsPerYear();
    }
  }

  private static String progress(ScoringCycle cycle) {
    return cycle.scored
        + " scored, "
        + cycle.failed
        + " failed of "
        + (cycle.expected == null ? "? (cycle.started not yet in)" : cycle.expected);
  }
}

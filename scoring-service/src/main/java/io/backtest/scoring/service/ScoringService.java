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
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.scoring.domain.CycleStatus;
import io.backtest.scoring.domain.Ranking;
import io.backtest.scoring.domain.ScoringCycle;
import io.backtest.scoring.domain.ScoringModel;
import io.backtest.scoring.domain.StrategyResult;
import io.backtest.scoring.mapping.ScoringMapper;
import io.backtest.scoring.repository.CycleRepository;
import io.backtest.scoring.repository.DecisionRepository;
import io.backtest.scoring.repository.ResultRepository;
import io.backtest.scoring.repository.ReturnSeriesRepository;
import io.backtest.scoring.repository.StandingRepository;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Correlation;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Scores backtest results, counts a cycle's outcomes and closes the cycle exactly once, with its
 * ranking, when every announced result is in or when it went quiet for too long; then records the
 * promotion decision on it ({@code cycle.completed}) once, and keeps the live standing of
 * strategies ({@code strategy.promoted} / {@code strategy.demoted}).
 *
 * <p>Every method that touches a cycle first takes the cycle's row lock ({@link
 * CycleRepository#lockOrCreate}): the events of one cycle arrive on several topics at once, and the
 * lock makes "count, then complete if all are in" one step. {@code cycle.scored} goes into the
 * outbox in the same transaction that sets the cycle's {@code scored_event_id}, so it is emitted
 * once however the events interleave or are redelivered.
 */
@ApplicationScoped
public class ScoringService {
  private final CycleRepository cycles;
  private final ResultRepository results;
  private final ReturnSeriesRepository returnSeries;
  private final StandingRepository standings;
  private final DecisionRepository decisions;
  private final ScoringModel model;
  private final Outbox outbox;
  private final PlatformConfig platform;

  public ScoringService(
      CycleRepository cycles,
      ResultRepository results,
      ReturnSeriesRepository returnSeries,
      StandingRepository standings,
      DecisionRepository decisions,
      ScoringModel model,
      Outbox outbox,
      PlatformConfig platform) {
    this.cycles = cycles;
    this.results = results;
    this.returnSeries = returnSeries;
    this.standings = standings;
    this.decisions = decisions;
    this.model = model;
    this.outbox = outbox;
    this.platform = platform;
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
   * Stores and scores a completed backtest, emits {@code strategy.scored}, and closes its cycle if
   * this was the last result. A strategy's first outcome in a cycle counts; a later one (another
   * backtest of the same candidate) is logged and ignored.
   */
  @WithTransaction
  public Uni<Void> recordBacktest(EventEnvelope<BacktestCompleted> event) {
    BacktestCompleted completed = event.data();
    return recordOutcome(
        event, completed.cycleId(), completed.strategyId(), completed.backtestId(), this::score);
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
   * and demoted, and the status {@code COMPLETED}. The first decision recorded for a cycle stands;
   * a later {@code cycle.completed} of the same cycle (another event id) is logged and ignored. A
   * cycle scoring never saw is created for it.
   */
  @WithTransaction
  public Uni<Void> recordCompletion(EventEnvelope<CycleCompleted> event) {
    CycleCompleted completed = event.data();
    return cycles
        .lockOrCreate(completed.cycleId(), event.correlationId(), Instant.now())
        .chain(
            cycle -> {
              if (cycle.completedEventId != null) {
                Log.warnf(
                    "cycle %s: cycle.completed %s repeats the decision recorded from event %s;"
                        + " the first stands",
                    cycle.cycleId, event.id(), cycle.completedEventId);
                return Uni.createFrom().voidItem();
              }
              if (cycle.startedAt == null && cycle.scored + cycle.failed == 0) {
                Log.warnf(
                    "cycle %s: decided, but scoring never saw any of its events; recorded without"
                        + " a ranking",
                    cycle.cycleId);
              } else if (cycle.status == CycleStatus.SCORING) {
                Log.warnf(
                    "cycle %s: decided while scoring had it open (%s); results arriving from now"
                        + " on are kept as late",
                    cycle.cycleId, progress(cycle));
              }
              CycleStatus previous = cycle.status;
              cycle.status = CycleStatus.COMPLETED;
              cycle.completedEventId = event.id();
              cycle.completedAt = completed.completedAt();
              Log.infof(
                  "cycle %s COMPLETED (was %s): %d promoted, %d demoted; %s",
                  cycle.cycleId,
                  previous,
                  completed.promoted().size(),
                  completed.demoted().size(),
                  completed.summary());
              return decisions.persist(ScoringMapper.decisions(completed));
            });
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
   * Closes a cycle that had no event since {@code cutoff}: emits {@code cycle.scored} with the
   * results that are in, the missing ones counted as failed, and sets the status to {@code
   * TIMED_OUT}. Does nothing if the cycle closed or heard from a result meanwhile.
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

  private Uni<Void> score(ScoringCycle cycle, EventEnvelope<BacktestCompleted> event, Instant now) {
    BacktestCompleted completed = event.data();
    double score = model.score(completed.metrics());
    boolean late = !cycle.isOpen();
    fillDataset(cycle, completed.dataset());
    EventEnvelope<StrategyScored> scored =
        event.causes(
            EventCatalog.STRATEGY_SCORED,
            platform.source(),
            completed.strategyId().toString(),
            new StrategyScored(
                completed.strategyId(), completed.cycleId(), score, completed.metrics(), now));
    Uni<Void> stored =
        results
            .persist(ScoringMapper.scoredResult(completed, score, late, event.id(), now))
            .chain(() -> returnSeries.persist(ScoringMapper.returnSeries(completed)))
            .chain(() -> outbox.add(EventCatalog.STRATEGY_SCORED, scored));
    if (late) {
      Log.warnf(
          "cycle %s: strategy %s scored %.4f after the cycle was closed (%s); stored, not ranked",
          cycle.cycleId, completed.strategyId(), score, cycle.status);
      return stored;
    }
    cycle.scored++;
    cycle.lastActivityAt = now;
    Log.infof(
        "cycle %s: strategy %s scored %.4f (sharpe %.4f, max drawdown %.4f, %d trades%s); %s",
        cycle.cycleId,
        completed.strategyId(),
        score,
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

  /** Ranks the counted results, emits {@code cycle.scored} and closes the cycle. */
  private Uni<Void> close(ScoringCycle cycle, CycleStatus status, String causationId, Instant now) {
    // the ranking query must see the result stored in this transaction
    return results
        .flush()
        .chain(() -> results.scoreLines(cycle.cycleId))
        .chain(
            lines -> {
              if (cycle.expected == null) {
                // cycle.started never came: what is in is all that is known
                cycle.expected = cycle.scored + cycle.failed;
              }
              cycle.missing = Math.max(0, cycle.expected - cycle.scored - cycle.failed);
              List<RankedStrategy> ranking = Ranking.rank(lines);
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
                          now));
              cycle.status = status;
              cycle.scoredEventId = event.id();
              cycle.scoredAt = now;
              Log.infof(
                  "cycle %s %s: %d scored, %d failed, %d missing of %d; best %s",
                  cycle.cycleId,
                  status,
                  cycle.scored,
                  cycle.failed,
                  cycle.missing,
                  cycle.expected,
                  ranking.isEmpty()
                      ? "none"
                      : ranking.getFirst().strategyId() + " at " + ranking.getFirst().score());
              return outbox.add(EventCatalog.CYCLE_SCORED, event);
            });
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

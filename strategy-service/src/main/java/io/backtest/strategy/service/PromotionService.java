package io.backtest.strategy.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.engine.selection.PromotionPolicy;
import io.backtest.engine.selection.PromotionPolicy.Candidate;
import io.backtest.engine.selection.PromotionPolicy.Decision;
import io.backtest.engine.selection.PromotionPolicy.Demotion;
import io.backtest.engine.selection.PromotionPolicy.LiveStrategy;
import io.backtest.engine.selection.PromotionPolicy.Outcome;
import io.backtest.engine.selection.PromotionPolicy.Verdict;
import io.backtest.engine.selection.PromotionRules;
import io.backtest.strategy.config.PromotionConfig;
import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.BacktestStatus;
import io.backtest.strategy.domain.Cycle;
import io.backtest.strategy.domain.CycleStatus;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.Deployment;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.mapping.EngineMapper;
import io.backtest.strategy.mapping.EventMapper;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.CycleRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.DeploymentRepository;
import io.backtest.strategy.repository.MarketRegimeRepository;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.strategy.service.LiveSetChanges.CycleDecision;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.messaging.Outbox;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The promotion gate's use case: applies the engine's {@link PromotionPolicy} to a scored cycle,
 * changes the live set, and reports every decision as events.
 */
@ApplicationScoped
public class PromotionService {
  private final CycleRepository cycles;
  private final StrategyRepository strategies;
  private final BacktestRunRepository runs;
  private final DatasetRepository datasets;
  private final DeploymentRepository deployments;
  private final MarketRegimeRepository marketRegimes;
  private final LiveSetChanges changes;
  private final Outbox outbox;
  private final PlatformConfig platform;
  private final ParameterCipher cipher;
  private final PromotionPolicy policy;

  public PromotionService(
      CycleRepository cycles,
      StrategyRepository strategies,
      BacktestRunRepository runs,
      DatasetRepository datasets,
      DeploymentRepository deployments,
      MarketRegimeRepository marketRegimes,
      LiveSetChanges changes,
      Outbox outbox,
      PlatformConfig platform,
      ParameterCipher cipher,
      PromotionConfig config) {
    this.cycles = cycles;
    this.strategies = strategies;
    this.runs = runs;
    this.datasets = datasets;
    this.deployments = deployments;
    this.marketRegimes = marketRegimes;
    this.changes = changes;
    this.outbox = outbox;
    this.platform = platform;
    this.cipher = cipher;
    this.policy = new PromotionPolicy(config.rules());
  }

  /** The thresholds applied. */
  public PromotionRules rules() {
    return policy.rules();
  }

  /**
   * Decides on a scored cycle in the caller's transaction (the event consumer's). The live set is
   * locked first ({@link StrategyRepository#lockLiveSet}), so decisions of cycles scored at the
   * same time, and an operator's changes, on any instance, are made one after the other and the cap
   * holds. Stores each ranked candidate's score, rank, statistics and verdict; emits {@code
   * strategy.demoted} / {@code strategy.promoted} per change (each with its deployment history row)
   * and then {@code cycle.completed} with every verdict, all caused by the {@code cycle.scored}
   * event. A cycle already decided is left alone. With the regime-fit gate on, each candidate's
   * record per regime ({@link RankedStrategy#regimes()}) is judged in the current regimes of the
   * cycle's market (symbol and timeframe of its dataset) as the {@code market.regime.changed}
   * consumer recorded them.
   *
   * @throws MalformedEventException (as the Uni's failure) when the cycle is unknown or the ranking
   *     names strategies that are not completed candidates of the cycle
   */
  public Uni<Void> decide(EventEnvelope<CycleScored> event) {
    CycleScored scored = event.data();
    return strategies
        .lockLiveSet()
        .chain(() -> cycles.findById(scored.cycleId()))
        .onItem()
        .ifNull()
        .failWith(
            () -> new MalformedEventException("cycle " + scored.cycleId() + " does not exist"))
        .chain(
            cycle -> {
              if (cycle.status != CycleStatus.RUNNING) {
                Log.infof(
                    "cycle %s is already %s; ranking %s ignored",
                    cycle.id, cycle.status, event.id());
                return Uni.createFrom().voidItem();
              }
              return load(cycle).chain(state -> apply(event, state, decide(event, state)));
            });
  }

  /** What a decision reads, loaded one query after the other (a session is not concurrent). */
  private record State(
      Cycle cycle,
      Dataset dataset,
      Map<UUID, Strategy> candidates,
      Map<UUID, BacktestRun> runs,
      List<Strategy> live,
      long lastSeq,
      Map<String, String> currentRegimes) {

    State withCurrentRegimes(Map<String, String> regimes) {
      return new State(cycle, dataset, candidates, runs, live, lastSeq, regimes);
    }
  }

  private Uni<State> load(Cycle cycle) {
    return datasets
        .findById(cycle.datasetId)
        .chain(
            dataset ->
                strategies
                    .ofCycle(cycle.id)
                    .chain(
                        candidates ->
                            runs.ofCycle(cycle.id)
                                .chain(
                                    cycleRuns ->
                                        strategies
                                            .live()
                                            .chain(
                                                live ->
                                                    deployments
                                                        .lastSeq()
                                                        .map(
                                                            seq ->
                                                                new State(
                                                                    cycle,
                                                                    dataset,
                                                                    byId(candidates, s -> s.id),
                                                                    byId(
                                                                        cycleRuns,
                                                                        r -> r.strategyId),
                                                                    live,
                                                                    seq,
                                                                    Map.of()))))))
        .chain(state -> currentRegimes(state.dataset()).map(state::withCurrentRegimes));
  }

  /**
   * The current regime of the dataset's market by detector, of the detectors whose runs label a
   * cycle's dataset (volatility and trend: a candidate has figures for no other); empty when none
   * is recorded.
   */
  private Uni<Map<String, String>> currentRegimes(Dataset dataset) {
    return marketRegimes
        .current(dataset.symbol, dataset.timeframe)
        .map(
            rows -> {
              Map<String, String> regimes = new TreeMap<>();
              rows.stream()
                  .filter(
                      r ->
                          r.key.detector().equals(RegimeRun.VOLATILITY)
                              || r.key.detector().equals(RegimeRun.TREND))
                  .forEach(r -> regimes.put(r.key.detector(), r.regime));
              return regimes;
            });
  }

  private Decision decide(EventEnvelope<CycleScored> event, State state) {
    Cycle cycle = state.cycle();
    CycleScored scored = event.data();
    List<Candidate> ranking = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    for (RankedStrategy ranked : scored.ranking()) {
      Strategy s = state.candidates().get(ranked.strategyId());
      BacktestRun run = state.runs().get(ranked.strategyId());
      if (s == null) {
        throw new MalformedEventException(
            "ranked strategy " + ranked.strategyId() + " is not a candidate of cycle " + cycle.id);
      }
      if (run == null || run.status != BacktestStatus.COMPLETED) {
        throw new MalformedEventException(
            "ranked strategy " + ranked.strategyId() + " has no completed backtest");
      }
      if (!seen.add(s.id)) {
        throw new MalformedEventException("strategy " + s.id + " is ranked twice");
      }
      ranking.add(
          new Candidate(
              s.id,
              ranked.rank(),
              ranked.score(),
              ranked.statistics(),
              EventMapper.key(s),
              ranked.regimes()));
    }
    List<LiveStrategy> live =
        state.live().stream()
            .map(
                s ->
                    // score and promotedAt: never null for LIVE rows (a check constraint)
                    new LiveStrategy(s.id, s.score, s.promotedAt, EventMapper.key(s)))
            .toList();
    if (live.size() <= policy.rules().cap()) {
      return policy.decide(
          ranking, scored.overfitting(), scored.correlations(), live, state.currentRegimes());
    }
    return overCap(ranking, scored, live, state.currentRegimes());
  }

  /**
   * The decision while more strategies are live than the cap (it was lowered while they were live,
   * see {@code LiveLimitBootstrap}): nothing is promoted, not even in place of a weaker one, until
   * demotions bring the live set below the cap. The gates and the correlation rule still say why a
   * candidate would not go live anyway.
   */
  private Decision overCap(
      List<Candidate> ranking,
      CycleScored scored,
      List<LiveStrategy> live,
      Map<String, String> currentRegimes) {
    PromotionRules rules = policy.rules();
    PromotionRules frozen =
        new PromotionRules(
            rules.minDeflatedSharpe(),
            rules.maxProbabilityOfOosLoss(),
            rules.maxDrawdown(),
            rules.minTrades(),
            rules.minTStatistic(),
            rules.requireMinBacktestLength(),
            rules.maxCorrelation(),
            Double.MAX_VALUE, // no score beats a live one by this: nothing is replaced
            live.size(),
            rules.maxPerCycle(),
            rules.requireRegimeFit(),
            rules.minRegimePoints());
    Decision decision =
        new PromotionPolicy(frozen)
            .decide(ranking, scored.overfitting(), scored.correlations(), live, currentRegimes);
    String reason =
        "not promoted: the live set holds "
            + live.size()
            + " strategies, more than the cap "
            + rules.cap()
            + " (lowered while they were live); no promotion until fewer than "
            + rules.cap()
            + " are live";
    List<Verdict> verdicts =
        decision.verdicts().stream()
            .map(
                v ->
                    v.outcome() == Outcome.NOT_BETTER_THAN_WEAKEST
                        ? new Verdict(v.candidate(), v.outcome(), reason, v.gates(), 0, null)
                        : v)
            .toList();
    Log.errorf(
        "cycle %s: %d strategies are live, more than the cap %d: no promotion",
        scored.cycleId(), live.size(), rules.cap());
    return new Decision(rules, verdicts, live.size());
  }

  private Uni<Void> apply(EventEnvelope<CycleScored> event, State state, Decision decision) {
    Cycle cycle = state.cycle();
    CycleDecision origin = new CycleDecision(event);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Map<UUID, Strategy> liveById = byId(state.live(), s -> s.id);
    ExecutionSettings execution = EngineMapper.execution(cycle);
    int cap = policy.rules().cap();
    Uni<Void> chain = Uni.createFrom().voidItem();
    List<UUID> promoted = new ArrayList<>();
    List<UUID> demoted = new ArrayList<>();
    AtomicLong lastSeq = new AtomicLong(state.lastSeq());
    Function<Deployment, Void> seen =
        d -> {
          lastSeq.set(d.seq);
          return null;
        };
    for (Verdict verdict : decision.verdicts()) {
      Candidate candidate = verdict.candidate();
      Strategy s = state.candidates().get(candidate.strategyId());
      s.score = candidate.score();
      s.rank = candidate.rank();
      s.statistics = EngineMapper.json(candidate.statistics());
      s.reason = verdict.reason();
      if (!verdict.isPromoted()) {
        continue;
      }
      Demotion demotion = verdict.replaced();
      if (demotion != null) {
        UUID id = demotion.strategy().strategyId();
        Strategy old = liveById.getOrDefault(id, state.candidates().get(id));
        demoted.add(old.id);
        StrategyDemoted payload =
            new StrategyDemoted(
                old.id,
                cycle.id,
                demotion.reason(),
                demotion.replacedBy(),
                demotion.liveCountAfter(),
                now);
        // flushed before the promotion: the database counts live rows as they are written
        chain =
            chain.chain(() -> changes.demote(origin, old, payload)).map(seen).chain(changes::flush);
      }
      promoted.add(s.id);
      StrategyPromoted payload =
          EventMapper.promoted(
              s,
              EventMapper.definition(s.template, cipher.parameters(s)),
              cycle.id,
              state.dataset(),
              execution,
              state.runs().get(s.id),
              candidate.statistics(),
              verdict.liveCountAfter(),
              cap,
              verdict.reason(),
              now);
      chain =
          chain.chain(() -> changes.promote(origin, s, payload)).map(seen).chain(changes::flush);
    }
    String summary = decision.summary(cycle.candidates, cycle.failed);
    CycleStatus status =
        cycle.failed >= cycle.candidates ? CycleStatus.FAILED : CycleStatus.COMPLETED;
    CycleCompleted completed =
        new CycleCompleted(
            cycle.id,
            status.name(),
            cycle.candidates,
            cycle.backtested,
            cycle.failed,
            promoted,
            demoted,
            decision.liveCount(),
            cap,
            summary,
            decision.verdicts().stream().map(Verdict::toEvent).toList(),
            now);
    Log.infof("cycle %s %s: %s", cycle.id, status, summary);
    return chain
        .invoke(
            () -> {
              cycle.status = status;
              cycle.promoted = promoted.size();
              cycle.demoted = demoted.size();
              cycle.completedAt = now;
              cycle.summary = summary;
              cycle.deploymentSeq = lastSeq.get();
            })
        .chain(
            () ->
                outbox.add(
                    EventCatalog.CYCLE_COMPLETED,
                    event.causes(
                        EventCatalog.CYCLE_COMPLETED,
                        platform.source(),
                        cycle.id.toString(),
                        completed)))
        .chain(changes::flush);
  }

  private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
    return items.stream()
        .collect(Collectors.toMap(id, Function.identity(), (a, b) -> a, HashMap::new));
  }
}

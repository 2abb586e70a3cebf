package io.backtest.strategy.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.strategy.config.PromotionConfig;
import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.BacktestStatus;
import io.backtest.strategy.domain.Cycle;
import io.backtest.strategy.domain.CycleStatus;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.PromotionPolicy;
import io.backtest.strategy.domain.PromotionPolicy.Candidate;
import io.backtest.strategy.domain.PromotionPolicy.Decision;
import io.backtest.strategy.domain.PromotionPolicy.Demotion;
import io.backtest.strategy.domain.PromotionPolicy.LiveStrategy;
import io.backtest.strategy.domain.PromotionPolicy.Verdict;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.domain.StrategyStatus;
import io.backtest.strategy.mapping.EngineMapper;
import io.backtest.strategy.mapping.EventMapper;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.CycleRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.StrategyRepository;
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
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The promotion gate's use case: applies {@link PromotionPolicy} to a scored cycle, changes the
 * live set, and reports every decision as events.
 */
@ApplicationScoped
public class PromotionService {
  private final CycleRepository cycles;
  private final StrategyRepository strategies;
  private final BacktestRunRepository runs;
  private final DatasetRepository datasets;
  private final Outbox outbox;
  private final PlatformConfig platform;
  private final PromotionPolicy policy;

  public PromotionService(
      CycleRepository cycles,
      StrategyRepository strategies,
      BacktestRunRepository runs,
      DatasetRepository datasets,
      Outbox outbox,
      PlatformConfig platform,
      PromotionConfig config) {
    this.cycles = cycles;
    this.strategies = strategies;
    this.runs = runs;
    this.datasets = datasets;
    this.outbox = outbox;
    this.platform = platform;
    this.policy = new PromotionPolicy(config.rules());
  }

  /** The thresholds applied. */
  public PromotionPolicy policy() {
    return policy;
  }

  /**
   * Decides on a scored cycle in the caller's transaction (the event consumer's). The live set is
   * locked first ({@link StrategyRepository#lockLiveSet}), so decisions of cycles scored at the
   * same time, on any instance, are made one after the other and the cap holds. Emits {@code
   * strategy.demoted} / {@code strategy.promoted} per change and then {@code cycle.completed}, all
   * caused by the {@code cycle.scored} event. A cycle already decided is left alone.
   *
   * @throws MalformedEventException (as the Uni's failure) when the cycle is unknown or the ranking
   *     names strategies that are not completed candidates of the cycle
   */
  public Uni<Void> promote(EventEnvelope<CycleScored> event) {
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
              return load(cycle).chain(state -> decide(event, state));
            });
  }

  /** What a decision reads, loaded one query after the other (a session is not concurrent). */
  private record State(
      Cycle cycle,
      Dataset dataset,
      Map<UUID, Strategy> candidates,
      Map<UUID, BacktestRun> runs,
      List<Strategy> live) {}

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
                                            .map(
                                                live ->
                                                    new State(
                                                        cycle,
                                                        dataset,
                                                        byId(candidates, s -> s.id),
                                                        byId(cycleRuns, r -> r.strategyId),
                                                        live)))));
  }

  private Uni<Void> decide(EventEnvelope<CycleScored> event, State state) {
    Cycle cycle = state.cycle();
    List<Candidate> ranking = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    for (RankedStrategy ranked : event.data().ranking()) {
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
      BacktestMetrics m = EngineMapper.metrics(run.metrics);
      ranking.add(
          new Candidate(
              s.id,
              ranked.rank(),
              ranked.score(),
              m.sharpe(),
              m.maxDrawdown(),
              m.tradeCount(),
              EventMapper.key(s)));
    }
    List<LiveStrategy> live =
        state.live().stream()
            .map(
                s ->
                    // score and promotedAt: never null for LIVE rows (a check constraint)
                    new LiveStrategy(s.id, s.score, s.promotedAt, EventMapper.key(s)))
            .toList();
    Decision decision = policy.decide(ranking, live);
    return apply(event, state, decision);
  }

  private Uni<Void> apply(EventEnvelope<CycleScored> event, State state, Decision decision) {
    Cycle cycle = state.cycle();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Map<UUID, Strategy> liveById = byId(state.live(), s -> s.id);
    DatasetRef dataset = EventMapper.datasetRef(state.dataset());
    ExecutionSettings execution = EngineMapper.execution(cycle);
    int cap = policy.rules().cap();
    Uni<Void> chain = Uni.createFrom().voidItem();
    List<UUID> promoted = new ArrayList<>();
    List<UUID> demoted = new ArrayList<>();
    for (Verdict verdict : decision.verdicts()) {
      Candidate candidate = verdict.candidate();
      Strategy s = state.candidates().get(candidate.strategyId());
      s.score = candidate.score();
      s.rank = candidate.rank();
      s.reason = verdict.reason();
      if (!verdict.isPromoted()) {
        continue;
      }
      Demotion demotion = verdict.replaced();
      if (demotion != null) {
        UUID id = demotion.strategy().strategyId();
        Strategy old = liveById.getOrDefault(id, state.candidates().get(id));
        old.status = StrategyStatus.RETIRED;
        old.demotedAt = now;
        old.reason = demotion.reason();
        demoted.add(old.id);
        StrategyDemoted payload =
            new StrategyDemoted(
                old.id,
                cycle.id,
                demotion.reason(),
                demotion.replacedBy(),
                demotion.liveCountAfter(),
                now);
        chain =
            chain.chain(
                () ->
                    outbox.add(
                        EventCatalog.STRATEGY_DEMOTED,
                        event.causes(
                            EventCatalog.STRATEGY_DEMOTED,
                            platform.source(),
                            old.id.toString(),
                            payload)));
      }
      s.status = StrategyStatus.LIVE;
      s.promotedAt = now;
      promoted.add(s.id);
      StrategyPromoted payload =
          new StrategyPromoted(
              s.id,
              cycle.id,
              dataset,
              EventMapper.definition(s),
              execution,
              EngineMapper.metrics(state.runs().get(s.id).metrics),
              candidate.score(),
              candidate.rank(),
              verdict.liveCountAfter(),
              cap,
              verdict.reason(),
              now);
      chain =
          chain.chain(
              () ->
                  outbox.add(
                      EventCatalog.STRATEGY_PROMOTED,
                      event.causes(
                          EventCatalog.STRATEGY_PROMOTED,
                          platform.source(),
                          s.id.toString(),
                          payload)));
    }
    String summary = decision.summary(cycle.candidates, cycle.failed);
    CycleStatus status =
        cycle.failed >= cycle.candidates ? CycleStatus.FAILED : CycleStatus.COMPLETED;
    cycle.status = status;
    cycle.promoted = promoted.size();
    cycle.demoted = demoted.size();
    cycle.completedAt = now;
    cycle.summary = summary;
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
            now);
    Log.infof("cycle %s %s: %s", cycle.id, status, summary);
    return chain.chain(
        () ->
            outbox.add(
                EventCatalog.CYCLE_COMPLETED,
                event.causes(
                    EventCatalog.CYCLE_COMPLETED,
                    platform.source(),
                    cycle.id.toString(),
                    completed)));
  }

  private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
    return items.stream()
        .collect(Collectors.toMap(id, Function.identity(), (a, b) -> a, HashMap::new));
  }
}

package io.backtest.strategy.service;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.strategy.config.PromotionConfig;
import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.BacktestStatus;
import io.backtest.strategy.domain.Cycle;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.Deployment;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.domain.StrategyStatus;
import io.backtest.strategy.mapping.EngineMapper;
import io.backtest.strategy.mapping.EventMapper;
import io.backtest.strategy.mapping.ViewMapper;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.CycleRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.DeploymentRepository;
import io.backtest.strategy.repository.LiveLimitRepository;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.strategy.rest.DeploymentChange;
import io.backtest.strategy.rest.DeploymentView;
import io.backtest.strategy.rest.LiveSetView;
import io.backtest.strategy.rest.RollbackView;
import io.backtest.strategy.service.LiveSetChanges.Operator;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.SortRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The live set under an operator's control: promoting and demoting single strategies, rolling back
 * to the live set a cycle's decision left, and reading the live set and its history. Every change
 * holds the live-set lock and writes the strategy, its deployment history row and its event in one
 * transaction, like the promotion gate's ({@link LiveSetChanges}).
 */
@ApplicationScoped
public class DeploymentService {
  /** Longest reason an operator may give. */
  public static final int MAX_REASON_LENGTH = 1000;

  private final StrategyRepository strategies;
  private final BacktestRunRepository runs;
  private final CycleRepository cycles;
  private final DatasetRepository datasets;
  private final DeploymentRepository deployments;
  private final LiveLimitRepository limits;
  private final LiveSetChanges changes;
  private final ParameterCipher cipher;
  private final int cap;

  public DeploymentService(
      StrategyRepository strategies,
      BacktestRunRepository runs,
      CycleRepository cycles,
      DatasetRepository datasets,
      DeploymentRepository deployments,
      LiveLimitRepository limits,
      LiveSetChanges changes,
      ParameterCipher cipher,
      PromotionConfig config) {
    this.strategies = strategies;
    this.runs = runs;
    this.cycles = cycles;
    this.datasets = datasets;
    this.deployments = deployments;
    this.limits = limits;
    this.changes = changes;
    this.cipher = cipher;
    this.cap = config.cap();
  }

  /**
   * Puts a strategy into the live set on an operator's word, with {@code strategy.promoted} (reason
   * {@code manual promotion by operator: <reason>}, cycle id: the strategy's own cycle).
   *
   * @throws ProblemException 400 for a missing or too long reason, 404 for an unknown strategy, 409
   *     when it is live, has no completed backtest or no statistics, the same strategy is live
   *     under another id, or the live set is full
   */
  public Uni<DeploymentChange> promote(UUID strategyId, String reason, String correlationId) {
    String why = "manual promotion by operator: " + requireReason(reason);
    Operator origin = new Operator(correlationId);
    return inTransaction(
            () ->
                lockedStrategy(strategyId)
                    .chain(s -> strategies.live().chain(live -> promote(s, live, why, origin))))
        .invoke(c -> Log.infof("strategy %s promoted by an operator: %s", strategyId, why));
  }

  /** Takes the live-set lock, then loads the strategy; 404 when there is none. */
  private Uni<Strategy> lockedStrategy(UUID strategyId) {
    return strategies
        .lockLiveSet()
        .chain(() -> strategies.findById(strategyId))
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Strategy", strategyId));
  }

  private Uni<DeploymentChange> promote(
      Strategy s, List<Strategy> live, String why, Operator origin) {
    if (s.status == StrategyStatus.LIVE) {
      throw ProblemException.conflict("strategy " + s.id + " is already live");
    }
    String key = EventMapper.key(s);
    for (Strategy l : live) {
      if (EventMapper.key(l).equals(key)) {
        throw ProblemException.conflict(
            "the same strategy (template, dataset and parameters) is already live as " + l.id);
      }
    }
    if (live.size() >= cap) {
      throw ProblemException.conflict(full(live.size(), cap));
    }
    int after = live.size() + 1;
    return material(List.of(s))
        .chain(
            m ->
                changes
                    .promote(origin, s, m.promoted(s, after, why, now()))
                    .call(changes::flush)
                    .map(d -> change(d, after)));
  }

  /**
   * Takes a live strategy out of the live set on an operator's word, with {@code strategy.demoted}
   * (reason {@code manual demotion by operator: <reason>}, no cycle, no replacement).
   *
   * @throws ProblemException 400 for a missing or too long reason, 404 for an unknown strategy, 409
   *     when it is not live
   */
  public Uni<DeploymentChange> demote(UUID strategyId, String reason, String correlationId) {
    String why = "manual demotion by operator: " + requireReason(reason);
    Operator origin = new Operator(correlationId);
    return inTransaction(
            () ->
                lockedStrategy(strategyId)
                    .chain(
                        s -> {
                          if (s.status != StrategyStatus.LIVE) {
                            throw ProblemException.conflict(
                                "strategy " + s.id + " is not live (it is " + s.status + ")");
                          }
                          return demoteLive(s, why, origin);
                        }))
        .invoke(c -> Log.infof("strategy %s demoted by an operator: %s", strategyId, why));
  }

  /**
   * Takes a strategy out of the live set because monitoring detected drift, in the caller's
   * transaction (the consumer's, with the event's processing record), by the path of an operator's
   * demotion: the strategy, its history row and {@code strategy.demoted} (reason: the event's, no
   * cycle, caused by the drift event). A strategy that is not live (demoted already) or unknown is
   * left alone: null.
   */
  public Uni<DeploymentChange> demoteOnDrift(EventEnvelope<StrategyDriftDetected> event) {
    StrategyDriftDetected drift = event.data();
    UUID strategyId = drift.strategyId();
    return strategies
        .lockLiveSet()
        .chain(() -> strategies.findById(strategyId))
        .chain(
            s -> {
              if (s == null) {
                Log.warnf(
                    "drift of strategy %s ignored: no such strategy (%s)",
                    strategyId, drift.reason());
                return Uni.createFrom().nullItem();
              }
              if (s.status != StrategyStatus.LIVE) {
                Log.infof(
                    "drift of strategy %s ignored: it is not live (it is %s): %s",
                    strategyId, s.status, drift.reason());
                return Uni.createFrom().nullItem();
              }
              return demoteLive(s, drift.reason(), new LiveSetChanges.Drift(event))
                  .invoke(
                      c ->
                          Log.infof(
                              "strategy %s demoted on drift: %s", strategyId, drift.reason()));
            });
  }

  /** Demotes a live strategy, under the live-set lock the caller holds. */
  private Uni<DeploymentChange> demoteLive(Strategy s, String why, LiveSetChanges.Origin origin) {
    return strategies
        .count("status", StrategyStatus.LIVE)
        .chain(
            live -> {
              int after = (int) (live - 1);
              StrategyDemoted payload = new StrategyDemoted(s.id, null, why, null, after, now());
              return changes
                  .demote(origin, s, payload)
                  .call(changes::flush)
                  .map(d -> change(d, after));
            });
  }

  /**
   * Restores the live set as it stood right after a cycle's promotion decision (the deployment
   * history replayed up to there): demotes the live strategies not in it, then promotes those of it
   * that are not live, each with reason {@code rolled back to the live set after cycle <id>:
   * <reason>}, all in one transaction.
   *
   * @throws ProblemException 400 for a missing or too long reason, 404 when the cycle does not
   *     exist or never decided, 409 when that live set cannot be restored (larger than the cap, or
   *     a strategy of it cannot go live again)
   */
  public Uni<RollbackView> rollback(UUID cycleId, String reason, String correlationId) {
    String why =
        "rolled back to the live set after cycle " + cycleId + ": " + requireReason(reason);
    Operator origin = new Operator(correlationId);
    return inTransaction(
            () ->
                strategies
                    .lockLiveSet()
                    .chain(() -> cycles.findById(cycleId))
                    .onItem()
                    .ifNull()
                    .failWith(() -> ProblemException.notFound("Cycle", cycleId))
                    .chain(
                        cycle -> {
                          if (cycle.deploymentSeq == null) {
                            throw new ProblemException(
                                404,
                                "Not Found",
                                "cycle "
                                    + cycleId
                                    + " has not decided on promotions: there is no live set"
                                    + " after its decision to roll back to",
                                List.of());
                          }
                          return deployments
                              .liveSetAfter(cycle.deploymentSeq)
                              .chain(
                                  target ->
                                      strategies
                                          .live()
                                          .chain(
                                              live -> restore(cycle, target, live, why, origin)));
                        }))
        .invoke(
            r ->
                Log.infof(
                    "rolled back to the live set after cycle %s: demoted %s, promoted %s: %s",
                    cycleId, r.demoted(), r.promoted(), why));
  }

  private Uni<RollbackView> restore(
      Cycle cycle, List<Deployment> target, List<Strategy> live, String why, Operator origin) {
    if (target.size() > cap) {
      throw ProblemException.conflict(
          "the live set after cycle "
              + cycle.id
              + " held "
              + target.size()
              + " strategies, more than the cap "
              + cap
              + ": it cannot be restored");
    }
    Set<UUID> targetIds = target.stream().map(d -> d.strategyId).collect(Collectors.toSet());
    Set<UUID> liveIds = live.stream().map(s -> s.id).collect(Collectors.toSet());
    List<Strategy> leaving = live.stream().filter(s -> !targetIds.contains(s.id)).toList();
    List<UUID> returning =
        target.stream().map(d -> d.strategyId).filter(id -> !liveIds.contains(id)).toList();
    return strategies
        .byIds(returning)
        .chain(
            found -> {
              Map<UUID, Strategy> byId =
                  found.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
              List<Strategy> back = returning.stream().map(byId::get).toList();
              for (Strategy s : back) {
                if (s.statistics == null) {
                  throw ProblemException.conflict(
                      "strategy "
                          + s.id
                          + " of the live set after cycle "
                          + cycle.id
                          + " cannot go live again: it has no statistics (promoted before they"
                          + " were kept)");
                }
              }
              return material(back).chain(m -> apply(cycle, leaving, back, m, live, why, origin));
            });
  }

  private Uni<RollbackView> apply(
      Cycle cycle,
      List<Strategy> leaving,
      List<Strategy> back,
      Material m,
      List<Strategy> live,
      String why,
      Operator origin) {
    Instant now = now();
    Uni<Void> chain = Uni.createFrom().voidItem();
    int count = live.size();
    for (Strategy s : leaving) {
      int after = --count;
      StrategyDemoted payload = new StrategyDemoted(s.id, null, why, null, after, now);
      chain = chain.chain(() -> changes.demote(origin, s, payload)).replaceWithVoid();
    }
    // the demotions first: the database counts live rows as they are written
    chain = chain.chain(changes::flush);
    for (Strategy s : back) {
      int after = ++count;
      chain =
          chain
              .chain(() -> changes.promote(origin, s, m.promoted(s, after, why, now)))
              .replaceWithVoid();
    }
    int liveCount = count;
    return chain
        .chain(changes::flush)
        .map(
            x ->
                new RollbackView(
                    cycle.id,
                    leaving.stream().map(s -> s.id).toList(),
                    back.stream().map(s -> s.id).toList(),
                    liveCount,
                    cap));
  }

  /** The live set now, highest score first. */
  @WithSession
  public Uni<LiveSetView> liveSet() {
    return strategies
        .live()
        .chain(
            live ->
                datasetsById(live.stream().map(s -> s.datasetId).collect(Collectors.toSet()))
                    .map(
                        ds ->
                            new LiveSetView(
                                live.size(),
                                cap,
                                live.stream()
                                    .sorted(
                                        Comparator.comparing((Strategy s) -> -s.score)
                                            .thenComparing(s -> s.promotedAt)
                                            .thenComparing(s -> s.id))
                                    .map(
                                        s ->
                                            ViewMapper.live(
                                                s, cipher.parameters(s), ds.get(s.datasetId)))
                                    .toList())));
  }

  /** A page of the deployment history in {@code order}. */
  @WithSession
  public Uni<Page<DeploymentView>> history(
      DeploymentRepository.Filter filter, PageRequest request, SortRequest order) {
    return deployments
        .count(filter)
        .chain(
            total ->
                deployments
                    .page(filter, request, order)
                    .map(list -> Page.of(list, request, total).map(ViewMapper::deployment)));
  }

  /**
   * Runs {@code work} in a transaction of its own and answers the database's refusal of a live
   * strategy beyond the cap ({@link LiveLimitRepository}) as 409 with the database's counts: it
   * refuses what this instance's check let through when another writer changed the live set without
   * the lock, or the cap was lowered below the live count.
   */
  private <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
    return Panache.withTransaction(work)
        .onFailure(LiveLimitRepository::isCapViolation)
        .recoverWithUni(
            e ->
                Panache.withSession(limits::read)
                    .chain(
                        l -> {
                          Log.warnf("the database refused a promotion: %s", e.getMessage());
                          return Uni.createFrom()
                              .failure(ProblemException.conflict(full(l.live(), l.cap())));
                        }));
  }

  private static String full(long live, int cap) {
    return "live set full (" + live + " of " + cap + ")";
  }

  private DeploymentChange change(Deployment d, int liveCount) {
    return new DeploymentChange(
        d.seq, d.strategyId, d.action.name(), d.reason, d.at, d.eventId, liveCount, cap);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** The reason, stripped. */
  private static String requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw ProblemException.badRequest("reason", "is required");
    }
    String stripped = reason.strip();
    if (stripped.length() > MAX_REASON_LENGTH) {
      throw ProblemException.badRequest(
          "reason",
          "must be at most " + MAX_REASON_LENGTH + " characters but has " + stripped.length());
    }
    return stripped;
  }

  /**
   * What a promotion's event needs besides the strategy: its run, cycle and dataset, and the cipher
   * its parameters are read with.
   */
  private record Material(
      Map<UUID, BacktestRun> runs,
      Map<UUID, Cycle> cycles,
      Map<String, Dataset> datasets,
      int cap,
      ParameterCipher cipher) {

    /**
     * The {@code strategy.promoted} payload of {@code s} going live.
     *
     * @throws ProblemException 409 when it has no completed backtest or no statistics
     */
    StrategyPromoted promoted(Strategy s, int liveCount, String reason, Instant at) {
      BacktestRun run = runs.get(s.id);
      if (run == null || run.status != BacktestStatus.COMPLETED) {
        throw ProblemException.conflict(
            "strategy " + s.id + " cannot go live: it has no completed backtest");
      }
      CandidateStatistics statistics = EngineMapper.statistics(s.statistics);
      if (statistics == null || s.score == null || s.rank == null) {
        throw ProblemException.conflict(
            "strategy "
                + s.id
                + " cannot go live: it has no statistics (its cycle has not ranked it)");
      }
      Cycle cycle = cycles.get(s.cycleId);
      return EventMapper.promoted(
          s,
          EventMapper.definition(s.template, cipher.parameters(s)),
          s.cycleId,
          datasets.get(s.datasetId),
          EngineMapper.execution(cycle),
          run,
          statistics,
          liveCount,
          cap,
          reason,
          at);
    }
  }

  private Uni<Material> material(List<Strategy> list) {
    if (list.isEmpty()) {
      return Uni.createFrom().item(new Material(Map.of(), Map.of(), Map.of(), cap, cipher));
    }
    List<UUID> ids = list.stream().map(s -> s.id).toList();
    Set<UUID> cycleIds = new HashSet<>();
    Set<String> datasetIds = new HashSet<>();
    list.forEach(
        s -> {
          cycleIds.add(s.cycleId);
          datasetIds.add(s.datasetId);
        });
    return runs.ofStrategies(ids)
        .chain(
            found ->
                cycles
                    .list("id in ?1", cycleIds)
                    .chain(
                        cs ->
                            datasetsById(datasetIds)
                                .map(
                                    ds ->
                                        new Material(
                                            found.stream()
                                                .collect(
                                                    Collectors.toMap(
                                                        r -> r.strategyId, Function.identity())),
                                            cs.stream()
                                                .collect(
                                                    Collectors.toMap(
                                                        c -> c.id, Function.identity())),
                                            ds,
                                            cap,
                                            cipher))));
  }

  private Uni<Map<String, Dataset>> datasetsById(Set<String> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return datasets
        .list("id in ?1", ids)
        .map(list -> list.stream().collect(Collectors.toMap(d -> d.id, Function.identity())));
  }
}

package io.backtest.monitoring.service;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.monitoring.domain.Deployment;
import io.backtest.monitoring.domain.DeploymentStatus;
import io.backtest.monitoring.domain.LivePoint;
import io.backtest.monitoring.domain.Transition;
import io.backtest.monitoring.repository.DeploymentRepository;
import io.backtest.monitoring.repository.LivePointRepository;
import io.backtest.monitoring.repository.StoredBarRepository;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Keeps the set of deployed strategies, and their baselines, in step with promotions. */
@ApplicationScoped
public class DeploymentService {
  private final DeploymentRepository repository;
  private final LivePointRepository points;
  private final LiveRuns runs;
  private final StoredBarRepository bars;

  public DeploymentService(
      DeploymentRepository repository,
      LivePointRepository points,
      LiveRuns runs,
      StoredBarRepository bars) {
    this.repository = repository;
    this.points = points;
    this.runs = runs;
    this.bars = bars;
  }

  /** A deployment with the latest points of its current watch's equity series. */
  public record DeploymentWithPoints(Deployment deployment, List<LivePoint> points) {}

  /** Starts watching a promoted strategy (or records its promotion; see {@link Deployment}). */
  @WithTransaction
  public Uni<Void> watch(EventEnvelope<StrategyPromoted> event) {
    StrategyPromoted promoted = event.data();
    // the watch trades what arrives from now on, however old the bars' time (a replay of history)
    return bars.lastSeq()
        .chain(
            startSeq ->
                apply(
                    event,
                    promoted.strategyId(),
                    Transition.WATCHING,
                    now -> {
                      Deployment d = Deployment.watching(event.id(), promoted, now);
                      d.startSeq = startSeq;
                      return d;
                    },
                    (deployment, now) -> {
                      Transition t = deployment.applyPromotion(event.id(), promoted, now);
                      if (t != Transition.STALE_IGNORED) {
                        deployment.startSeq = startSeq;
                      }
                      return t;
                    }));
  }

  /** Stops watching a demoted strategy (recording it even when its promotion is not in yet). */
  @WithTransaction
  public Uni<Void> stop(EventEnvelope<StrategyDemoted> event) {
    StrategyDemoted demoted = event.data();
    return apply(
            event,
            demoted.strategyId(),
            Transition.STOPPED_BEFORE_PROMOTION,
            now -> Deployment.stoppedBeforePromotion(event.id(), demoted, now),
            (deployment, now) -> deployment.applyDemotion(event.id(), demoted, now))
        // its in-memory watch is no longer needed (a revival rebuilds it)
        .invoke(() -> runs.forget(demoted.strategyId()));
  }

  /**
   * Applies an event to its strategy's deployment, locked for the transaction; or, for the first
   * event of the strategy, creates the deployment from it.
   */
  private Uni<Void> apply(
      EventEnvelope<?> event,
      UUID strategyId,
      Transition created,
      Function<Instant, Deployment> create,
      BiFunction<Deployment, Instant, Transition> update) {
    return checkSubject(event.subject(), strategyId)
        .chain(() -> repository.findForUpdate(strategyId))
        .chain(
            deployment -> {
              Instant now = Instant.now();
              if (deployment == null) {
                log(strategyId, created, event);
                return repository.persist(create.apply(now)).replaceWithVoid();
              }
              log(strategyId, update.apply(deployment, now), event);
              return Uni.createFrom().voidItem();
            });
  }

  /** The deployment of a strategy, or null. */
  @WithSession
  public Uni<Deployment> findDeployment(UUID strategyId) {
    return repository.findById(strategyId);
  }

  /** A deployment with its {@code count} latest points, or null when unknown. */
  @WithSession
  public Uni<DeploymentWithPoints> findDeploymentWithPoints(UUID strategyId, int count) {
    return repository
        .findById(strategyId)
        .chain(
            d ->
                d == null
                    ? Uni.createFrom().nullItem()
                    : points
                        .listLatest(d.strategyId, d.since, count)
                        .map(list -> new DeploymentWithPoints(d, list)));
  }

  /** One page of deployments of a status (all when null) in {@code order}, with their total. */
  @WithSession
  public Uni<Page<Deployment>> listDeployments(
      DeploymentStatus status, PageRequest request, SortRequest order) {
    return repository
        .listPage(status, request, order)
        .chain(items -> repository.count(status).map(total -> Page.of(items, request, total)));
  }

  /** The subject is the Kafka key: a strategy's events stay ordered only if it is the strategy. */
  private static Uni<Void> checkSubject(String subject, UUID strategyId) {
    if (!subject.equals(strategyId.toString())) {
      return Uni.createFrom()
          .failure(
              new MalformedEventException(
                  "ce_subject '" + subject + "' is not the strategy id " + strategyId));
    }
    return Uni.createFrom().voidItem();
  }

  private static void log(UUID strategyId, Transition transition, EventEnvelope<?> event) {
    if (transition == Transition.STALE_IGNORED) {
      Log.infof(
          "strategy %s: %s event %s is older than the state it would change; ignored",
          strategyId, event.type(), event.id());
    } else {
      Log.infof("strategy %s: %s (event %s)", strategyId, transition, event.id());
    }
  }
}

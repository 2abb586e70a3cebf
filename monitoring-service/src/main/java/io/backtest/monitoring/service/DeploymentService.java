package io.backtest.monitoring.service;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.monitoring.domain.Deployment;
import io.backtest.monitoring.domain.DeploymentStatus;
import io.backtest.monitoring.domain.Transition;
import io.backtest.monitoring.repository.DeploymentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Keeps the set of deployed strategies, and their baselines, in step with promotions. */
@ApplicationScoped
public class DeploymentService {
  private final DeploymentRepository repository;

  public DeploymentService(DeploymentRepository repository) {
    this.repository = repository;
  }

  /** Starts watching a promoted strategy (or records its promotion; see {@link Deployment}). */
  @WithTransaction
  public Uni<Void> watch(EventEnvelope<StrategyPromoted> event) {
    StrategyPromoted promoted = event.data();
    UUID id = promoted.strategyId();
    return checkSubject(event.subject(), id)
        .chain(() -> repository.findForUpdate(id))
        .chain(
            deployment -> {
              Instant now = Instant.now();
              if (deployment == null) {
                log(id, Transition.WATCHING, event);
                return repository
                    .persist(Deployment.watching(event.id(), promoted, now))
                    .replaceWithVoid();
              }
              log(id, deployment.applyPromotion(event.id(), promoted, now), event);
              return Uni.createFrom().voidItem();
            });
  }

  /** Stops watching a demoted strategy (recording it even when its promotion is not in yet). */
  @WithTransaction
  public Uni<Void> stop(EventEnvelope<StrategyDemoted> event) {
    StrategyDemoted demoted = event.data();
    UUID id = demoted.strategyId();
    return checkSubject(event.subject(), id)
        .chain(() -> repository.findForUpdate(id))
        .chain(
            deployment -> {
              Instant now = Instant.now();
              if (deployment == null) {
                log(id, Transition.STOPPED_BEFORE_PROMOTION, event);
                return repository
                    .persist(Deployment.stoppedBeforePromotion(event.id(), demoted, now))
                    .replaceWithVoid();
              }
              log(id, deployment.applyDemotion(event.id(), demoted, now), event);
              return Uni.createFrom().voidItem();
            });
  }

  /** The deployment of a strategy, or null. */
  @WithSession
  public Uni<Deployment> findDeployment(UUID strategyId) {
    return repository.findById(strategyId);
  }

  /** One page of deployments of a status (all when null), with their total. */
  @WithSession
  public Uni<DeploymentPage> listDeployments(DeploymentStatus status, int page, int size) {
    return repository
        .listPage(status, page, size)
        .chain(items -> repository.count(status).map(total -> new DeploymentPage(items, total)));
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

  /** A page of deployments and the number of all that match. */
  public record DeploymentPage(List<Deployment> items, long total) {}
}

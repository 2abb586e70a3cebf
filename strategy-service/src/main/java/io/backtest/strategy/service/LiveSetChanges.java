package io.backtest.strategy.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventType;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.strategy.domain.Deployment;
import io.backtest.strategy.domain.DeploymentAction;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.domain.StrategyStatus;
import io.backtest.strategy.repository.DeploymentRepository;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of the live set as one unit, in the caller's transaction: the strategy's status, the
 * deployment history's row and the change's event in the outbox. The caller holds the live-set lock
 * ({@code StrategyRepository.lockLiveSet}) and flushes demotions before the promotions they make
 * room for, since the database counts live rows as they are written.
 */
@ApplicationScoped
public class LiveSetChanges {
  private final DeploymentRepository deployments;
  private final Outbox outbox;
  private final PlatformConfig platform;

  public LiveSetChanges(DeploymentRepository deployments, Outbox outbox, PlatformConfig platform) {
    this.deployments = deployments;
    this.outbox = outbox;
    this.platform = platform;
  }

  /** Who changes the live set. */
  public sealed interface Origin {
    /** The cycle whose decision it is, for the history; null for an operator. */
    UUID cycleId();
  }

  /** A cycle's promotion decision: its events are caused by the {@code cycle.scored} event. */
  public record CycleDecision(EventEnvelope<CycleScored> cause) implements Origin {
    @Override
    public UUID cycleId() {
      return cause.data().cycleId();
    }
  }

  /**
   * A demotion on drift detected by monitoring: its event is caused by the {@code
   * strategy.drift.detected} event.
   */
  public record Drift(EventEnvelope<StrategyDriftDetected> cause) implements Origin {
    @Override
    public UUID cycleId() {
      return null;
    }
  }

  /** An operator's request: its events carry the request's correlation id and no cause. */
  public record Operator(String correlationId) implements Origin {
    @Override
    public UUID cycleId() {
      return null;
    }
  }

  /** Puts {@code s} into the live set and records it with {@code payload} as its event. */
  public Uni<Deployment> promote(Origin origin, Strategy s, StrategyPromoted payload) {
    s.status = StrategyStatus.LIVE;
    s.promotedAt = payload.promotedAt();
    s.demotedAt = null;
    s.reason = payload.reason();
    EventEnvelope<StrategyPromoted> event =
        event(origin, EventCatalog.STRATEGY_PROMOTED, s.id.toString(), payload);
    return record(
            origin,
            s.id,
            DeploymentAction.PROMOTED,
            payload.reason(),
            payload.promotedAt(),
            event.id())
        .call(() -> outbox.add(EventCatalog.STRATEGY_PROMOTED, event));
  }

  /** Takes {@code s} out of the live set and records it with {@code payload} as its event. */
  public Uni<Deployment> demote(Origin origin, Strategy s, StrategyDemoted payload) {
    s.status = StrategyStatus.RETIRED;
    s.demotedAt = payload.demotedAt();
    s.reason = payload.reason();
    EventEnvelope<StrategyDemoted> event =
        event(origin, EventCatalog.STRATEGY_DEMOTED, s.id.toString(), payload);
    return record(
            origin,
            s.id,
            DeploymentAction.DEMOTED,
            payload.reason(),
            payload.demotedAt(),
            event.id())
        .call(() -> outbox.add(EventCatalog.STRATEGY_DEMOTED, event));
  }

  /** Writes the pending changes, so that the database checks them now (the cap among them). */
  public Uni<Void> flush() {
    return deployments.flush();
  }

  private <T> EventEnvelope<T> event(Origin origin, EventType<T> type, String subject, T data) {
    return switch (origin) {
      case CycleDecision d -> d.cause().causes(type, platform.source(), subject, data);
      case Drift d -> d.cause().causes(type, platform.source(), subject, data);
      case Operator o ->
          EventEnvelope.create(type, platform.source(), subject, o.correlationId(), null, data);
    };
  }

  private Uni<Deployment> record(
      Origin origin,
      UUID strategyId,
      DeploymentAction action,
      String reason,
      Instant at,
      UUID eventId) {
    Deployment d = new Deployment();
    d.strategyId = strategyId;
    d.action = action;
    d.cycleId = origin.cycleId();
    d.reason = reason;
    d.at = at;
    d.eventId = eventId;
    return deployments.persist(d);
  }
}

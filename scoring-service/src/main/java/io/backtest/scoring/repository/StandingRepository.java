package io.backtest.scoring.repository;

import io.backtest.scoring.domain.StrategyStanding;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Current live standing of strategies (scorecards). Both writes are upserts that apply only a
 * decision newer than the one recorded, so promotions and demotions may be processed in any order.
 */
@ApplicationScoped
public class StandingRepository implements PanacheRepositoryBase<StrategyStanding, UUID> {

  /**
   * Records a promotion unless a later decision is recorded.
   *
   * @return whether it was applied
   */
  public Uni<Boolean> promote(
      UUID strategyId, UUID cycleId, int rank, Instant promotedAt, UUID eventId) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into strategy_standing (strategy_id, live, promoted_cycle_id,"
                            + " promoted_rank, promoted_at, decided_at, event_id)"
                            + " values (:id, true, :cycle, :rank, :at, :at, :event)"
                            + " on conflict (strategy_id) do update set live = true,"
                            + " promoted_cycle_id = excluded.promoted_cycle_id,"
                            + " promoted_rank = excluded.promoted_rank,"
                            + " promoted_at = excluded.promoted_at,"
                            + " decided_at = excluded.decided_at, event_id = excluded.event_id"
                            + " where strategy_standing.decided_at < excluded.decided_at")
                    .setParameter("id", strategyId)
                    .setParameter("cycle", cycleId)
                    .setParameter("rank", rank)
                    .setParameter("at", promotedAt)
                    .setParameter("event", eventId)
                    .executeUpdate())
        .map(rows -> rows > 0);
  }

  /**
   * Records a demotion unless a later decision is recorded.
   *
   * @return whether it was applied
   */
  public Uni<Boolean> demote(UUID strategyId, String reason, Instant demotedAt, UUID eventId) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into strategy_standing (strategy_id, live, demoted_at,"
                            + " demotion_reason, decided_at, event_id)"
                            + " values (:id, false, :at, :reason, :at, :event)"
                            + " on conflict (strategy_id) do update set live = false,"
                            + " demoted_at = excluded.demoted_at,"
                            + " demotion_reason = excluded.demotion_reason,"
                            + " decided_at = excluded.decided_at, event_id = excluded.event_id"
                            + " where strategy_standing.decided_at < excluded.decided_at")
                    .setParameter("id", strategyId)
                    .setParameter("reason", reason)
                    .setParameter("at", demotedAt)
                    .setParameter("event", eventId)
                    .executeUpdate())
        .map(rows -> rows > 0);
  }
}

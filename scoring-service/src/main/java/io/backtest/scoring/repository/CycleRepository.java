package io.backtest.scoring.repository;

import io.backtest.scoring.domain.CycleStatus;
import io.backtest.scoring.domain.ScoringCycle;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Cycles as scoring sees them. */
@ApplicationScoped
public class CycleRepository implements PanacheRepositoryBase<ScoringCycle, UUID> {

  /**
   * The cycle's row, created if this is the first of its events, locked for the rest of the
   * transaction. Events of one cycle arrive on several topics at once: the insert that does nothing
   * on conflict lets exactly one of them create the row (a concurrent insert waits for the first to
   * commit), and the lock makes counting and completion one at a time.
   */
  public Uni<ScoringCycle> lockOrCreate(UUID cycleId, String correlationId, Instant now) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into scoring_cycle (cycle_id, status, correlation_id, scored,"
                            + " failed, missing, last_activity_at, created_at)"
                            + " values (:id, :status, :correlation, 0, 0, 0, :now, :now)"
                            + " on conflict (cycle_id) do nothing")
                    .setParameter("id", cycleId)
                    .setParameter("status", CycleStatus.SCORING.name())
                    .setParameter("correlation", correlationId)
                    .setParameter("now", now)
                    .executeUpdate())
        .chain(inserted -> findById(cycleId, LockModeType.PESSIMISTIC_WRITE));
  }

  /** The cycle locked for update, or null. */
  public Uni<ScoringCycle> lock(UUID cycleId) {
    return findById(cycleId, LockModeType.PESSIMISTIC_WRITE);
  }

  /** Ids of open cycles without an event since {@code cutoff}, oldest first. */
  public Uni<List<UUID>> findQuietSince(Instant cutoff, int limit) {
    return find(
            "select c.cycleId from ScoringCycle c where c.status = ?1 and c.lastActivityAt < ?2"
                + " order by c.lastActivityAt",
            CycleStatus.SCORING,
            cutoff)
        .project(UUID.class)
        .range(0, limit - 1)
        .list();
  }
}

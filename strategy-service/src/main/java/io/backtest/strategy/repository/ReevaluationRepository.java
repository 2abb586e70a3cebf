package io.backtest.strategy.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The last re-evaluation cycle of each market (symbol and timeframe): the rate limit of cycles
 * started by regime changes, shared by every replica.
 */
@ApplicationScoped
public class ReevaluationRepository {

  /**
   * Takes the market's re-evaluation lock until the current transaction ends (an advisory lock;
   * waits while another replica holds it), so that one change at a time decides for a market.
   */
  public Uni<Void> lock(String symbol, String timeframe) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))",
                        Integer.class)
                    .setParameter("key", "reevaluation|" + symbol + "|" + timeframe)
                    .getSingleResult())
        .replaceWithVoid();
  }

  /** Whether the market was re-evaluated after {@code since}. */
  public Uni<Boolean> reevaluatedAfter(String symbol, String timeframe, Instant since) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select count(*) from reevaluation where symbol = :symbol"
                            + " and timeframe = :timeframe and last_at > :since",
                        Long.class)
                    .setParameter("symbol", symbol)
                    .setParameter("timeframe", timeframe)
                    .setParameter("since", since)
                    .getSingleResult())
        .map(n -> n > 0);
  }

  /** Records a re-evaluation of the market at {@code at} by {@code cycleId}. */
  public Uni<Void> record(
      String symbol, String timeframe, Instant at, UUID cycleId, String reason) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into reevaluation (symbol, timeframe, last_at, cycle_id, reason)"
                            + " values (:symbol, :timeframe, :at, :cycle, :reason)"
                            + " on conflict (symbol, timeframe) do update set last_at ="
                            + " excluded.last_at, cycle_id = excluded.cycle_id, reason ="
                            + " excluded.reason")
                    .setParameter("symbol", symbol)
                    .setParameter("timeframe", timeframe)
                    .setParameter("at", at)
                    .setParameter("cycle", cycleId)
                    .setParameter("reason", reason)
                    .executeUpdate())
        .replaceWithVoid();
  }
}

package io.backtest.strategy.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The database's own hold on the cap: the single row of {@code live_limit} that a trigger on {@code
 * strategy} keeps counting the live strategies, and whose check constraint {@value #CONSTRAINT}
 * fails any transaction that would make one live strategy too many (migration V4).
 */
@ApplicationScoped
public class LiveLimitRepository {
  /** The check constraint that holds the cap. */
  public static final String CONSTRAINT = "live_limit_cap";

  /** PostgreSQL's SQLSTATE of a check violation. */
  private static final String CHECK_VIOLATION = "23514";

  /**
   * The limit as the database holds it.
   *
   * @param cap the configured cap
   * @param overCap live strategies kept above a cap lowered while they were live
   * @param live live strategies
   */
  public record LiveLimit(int cap, int overCap, int live) {
    /** Whether the database would refuse one more live strategy. */
    public boolean full() {
      return live >= cap + overCap;
    }
  }

  /** The current limit. */
  public Uni<LiveLimit> read() {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery("select cap, over_cap, live from live_limit", Object[].class)
                    .getSingleResult())
        .map(LiveLimitRepository::limit);
  }

  /**
   * Writes the configured cap and recounts the live strategies, in the caller's transaction. The
   * row is locked first, so that changes of the live set under way commit before the count. When
   * more strategies are live than the cap, they stay live and are counted in {@code over_cap}.
   */
  public Uni<LiveLimit> sync(int cap) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery("select live from live_limit for update", Integer.class)
                    .getSingleResult()
                    // a statement of its own, so that its snapshot sees what committed meanwhile
                    .chain(
                        () ->
                            s.createNativeQuery(
                                    "update live_limit set cap = :cap, live = l.n,"
                                        + " over_cap = greatest(0, l.n - :cap) from (select"
                                        + " count(*)::integer as n from strategy where status ="
                                        + " 'LIVE') l")
                                .setParameter("cap", cap)
                                .executeUpdate()))
        .chain(this::read);
  }

  /**
   * Whether {@code failure} is the database refusing a live strategy beyond the cap: a check
   * violation of {@value #CONSTRAINT}, as the Vert.x client reports it or as Hibernate Reactive
   * converts it (a {@code ConstraintViolationException} over a {@code SQLException}).
   */
  public static boolean isCapViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg
          && CHECK_VIOLATION.equals(pg.getSqlState())
          && CONSTRAINT.equals(pg.getConstraint())) {
        return true;
      }
      if (t instanceof ConstraintViolationException c && CONSTRAINT.equals(c.getConstraintName())) {
        return true;
      }
      if (t instanceof SQLException sql
          && CHECK_VIOLATION.equals(sql.getSQLState())
          && sql.getMessage() != null
          && sql.getMessage().contains("\"" + CONSTRAINT + "\"")) {
        return true;
      }
    }
    return false;
  }

  private static LiveLimit limit(Object[] row) {
    return new LiveLimit(
        ((Number) row[0]).intValue(), ((Number) row[1]).intValue(), ((Number) row[2]).intValue());
  }
}

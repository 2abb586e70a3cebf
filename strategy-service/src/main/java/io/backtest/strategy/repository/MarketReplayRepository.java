package io.backtest.strategy.repository;

import io.backtest.strategy.domain.MarketReplay;
import io.backtest.strategy.domain.ReplayStatus;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Market replays. A replay's progress and end are written with {@code update} statements, so that a
 * stop recorded by another instance is never overwritten by a stale entity.
 */
@ApplicationScoped
public class MarketReplayRepository implements PanacheRepositoryBase<MarketReplay, UUID> {
  /** The partial unique index that allows one running replay per symbol and timeframe. */
  public static final String ONE_RUNNING = "market_replay_one_running";

  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * What the replay list sorts by; by default newest first (indexed, as is status then start). One
   * row per replay an operator started: few to sort.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("id")
          .field("startedAt", "startedAt")
          .nullsLast("finishedAt", "finishedAt")
          .field("status", "status")
          .byDefault("-startedAt");

  /** A page of replays in {@code order}, of one status or (null) of all. */
  public Uni<List<MarketReplay>> page(ReplayStatus status, PageRequest request, SortRequest order) {
    Sort sort = PanacheSort.of(order);
    return Paging.list(status == null ? findAll(sort) : find("status", sort, status), request);
  }

  /** How many replays have {@code status} (all when null). */
  public Uni<Long> count(ReplayStatus status) {
    return status == null ? count() : count("status", status);
  }

  /** The running replay of a market, or null. */
  public Uni<MarketReplay> running(String symbol, String timeframe) {
    return find(
            "symbol = :symbol and timeframe = :timeframe and status = :running",
            Parameters.with("symbol", symbol)
                .and("timeframe", timeframe)
                .and("running", ReplayStatus.RUNNING))
        .firstResult();
  }

  /**
   * Records the progress of a running replay; returns 0 when it is no longer running (stopped
   * through another instance), which tells its worker to stop.
   */
  public Uni<Integer> progress(UUID id, int published, Instant lastBarTime, Instant now) {
    return update(
        "publishedBars = :published, lastBarTime = :last, heartbeatAt = :now"
            + " where id = :id and status = :running",
        Parameters.with("published", published)
            .and("last", lastBarTime)
            .and("now", now)
            .and("id", id)
            .and("running", ReplayStatus.RUNNING));
  }

  /**
   * Ends a running replay with {@code status}; when it was stopped meanwhile (through another
   * instance) only its final progress is recorded. Returns the rows changed.
   */
  public Uni<Integer> finish(
      UUID id, ReplayStatus status, int published, Instant lastBarTime, String error, Instant now) {
    return update(
            "status = :status, error = :error, finishedAt = :now, publishedBars = :published,"
                + " lastBarTime = :last, heartbeatAt = :now where id = :id and status = :running",
            Parameters.with("status", status)
                .and("error", error)
                .and("now", now)
                .and("published", published)
                .and("last", lastBarTime)
                .and("id", id)
                .and("running", ReplayStatus.RUNNING))
        .chain(
            changed ->
                changed > 0
                    ? Uni.createFrom().item(changed)
                    : update(
                        "publishedBars = :published, lastBarTime = :last where id = :id",
                        Parameters.with("published", published)
                            .and("last", lastBarTime)
                            .and("id", id)));
  }

  /** Stops a running replay in the database only (its worker runs elsewhere, or nowhere). */
  public Uni<Integer> stopRunning(UUID id, Instant now) {
    return update(
        "status = :stopped, finishedAt = :now where id = :id and status = :running",
        Parameters.with("stopped", ReplayStatus.STOPPED)
            .and("now", now)
            .and("id", id)
            .and("running", ReplayStatus.RUNNING));
  }

  /** Marks FAILED, with {@code error}, the running replays of {@code owner}. */
  public Uni<Integer> failOwnedBy(String owner, String error, Instant now) {
    return update(
        "status = :failed, error = :error, finishedAt = :now where owner = :owner"
            + " and status = :running",
        Parameters.with("failed", ReplayStatus.FAILED)
            .and("error", error)
            .and("now", now)
            .and("owner", owner)
            .and("running", ReplayStatus.RUNNING));
  }

  /**
   * Marks FAILED, with {@code error}, the running replays without a sign of life since {@code
   * before}: their instance is gone.
   */
  public Uni<Integer> failStale(Instant before, String error, Instant now) {
    return update(
        "status = :failed, error = :error, finishedAt = :now where heartbeatAt < :before"
            + " and status = :running",
        Parameters.with("failed", ReplayStatus.FAILED)
            .and("error", error)
            .and("now", now)
            .and("before", before)
            .and("running", ReplayStatus.RUNNING));
  }

  /** Whether a failure is the refusal of a second running replay of one market. */
  public static boolean isOneRunningViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg
          && UNIQUE_VIOLATION.equals(pg.getSqlState())
          && ONE_RUNNING.equals(pg.getConstraint())) {
        return true;
      }
      if (t instanceof ConstraintViolationException c
          && ONE_RUNNING.equals(c.getConstraintName())) {
        return true;
      }
    }
    return false;
  }
}

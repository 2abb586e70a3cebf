package io.backtest.monitoring.repository;

import io.backtest.monitoring.domain.StoredBar;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** The stored market feed, by symbol, timeframe and bar time. */
@ApplicationScoped
@WithSession
public class StoredBarRepository implements PanacheRepositoryBase<StoredBar, Long> {
  private static final Sort BY_TIME = Sort.ascending("time");

  /** The arrival sequence of the last bar stored, 0 when none is. */
  public Uni<Long> lastSeq() {
    return find("select coalesce(max(b.seq), 0) from StoredBar b")
        .project(Long.class)
        .firstResult();
  }

  /** The bar of a symbol and timeframe opening at {@code time}, or null. */
  public Uni<StoredBar> findBar(String symbol, String timeframe, Instant time) {
    return find("symbol = ?1 and timeframe = ?2 and time = ?3", symbol, timeframe, time)
        .firstResult();
  }

  /**
   * The {@code limit} most recent bars before {@code before} that had arrived by {@code maxSeq},
   * oldest first: the warm-up of a watch starting now.
   */
  public Uni<List<StoredBar>> listLatestBefore(
      String symbol, String timeframe, Instant before, long maxSeq, int limit) {
    if (limit <= 0) {
      return Uni.createFrom().item(List.of());
    }
    return find(
            "symbol = ?1 and timeframe = ?2 and time < ?3 and seq <= ?4",
            Sort.descending("time"),
            symbol,
            timeframe,
            before,
            maxSeq)
        .page(Page.ofSize(limit))
        .list()
        .map(
            bars -> {
              List<StoredBar> ascending = new ArrayList<>(bars);
              Collections.reverse(ascending);
              return ascending;
            });
  }

  /** The bars in {@code [from, before)} that had arrived by {@code maxSeq}, oldest first. */
  public Uni<List<StoredBar>> listWarmUp(
      String symbol, String timeframe, Instant from, Instant before, long maxSeq) {
    return find(
            "symbol = ?1 and timeframe = ?2 and time >= ?3 and time < ?4 and seq <= ?5",
            BY_TIME,
            symbol,
            timeframe,
            from,
            before,
            maxSeq)
        .list();
  }

  /**
   * The bars in {@code (after, upTo]} that arrived after {@code afterSeq}, oldest first; {@code
   * after} null for no lower bound.
   */
  public Uni<List<StoredBar>> listBetween(
      String symbol, String timeframe, Instant after, Instant upTo, long afterSeq) {
    if (after == null) {
      return find(
              "symbol = ?1 and timeframe = ?2 and time <= ?3 and seq > ?4",
              BY_TIME,
              symbol,
              timeframe,
              upTo,
              afterSeq)
          .list();
    }
    return find(
            "symbol = ?1 and timeframe = ?2 and time > ?3 and time <= ?4 and seq > ?5",
            BY_TIME,
            symbol,
            timeframe,
            after,
            upTo,
            afterSeq)
        .list();
  }

  /** The bars a watch traded (those with a live point), oldest first. */
  public Uni<List<StoredBar>> listTraded(
      String symbol, String timeframe, UUID strategyId, Instant promotedAt) {
    return find(
            "symbol = ?1 and timeframe = ?2 and time in (select p.id.barTime from LivePoint p"
                + " where p.id.strategyId = ?3 and p.id.promotedAt = ?4)",
            BY_TIME,
            symbol,
            timeframe,
            strategyId,
            promotedAt)
        .list();
  }
}

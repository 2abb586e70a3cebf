package io.backtest.regime.repository;

import io.backtest.regime.domain.WindowBar;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The bars held in the windows. */
@ApplicationScoped
@WithSession
public class WindowBarRepository implements PanacheRepositoryBase<WindowBar, WindowBar.Key> {

  /** The latest bar of a window that opened before {@code time}, or null. */
  public Uni<WindowBar> findBefore(long windowId, Instant time) {
    return find(
            "id.windowId = ?1 and id.openTime < ?2", Sort.descending("id.openTime"), windowId, time)
        .firstResult();
  }

  /** The earliest bar of a window that opened after {@code time}, or null. */
  public Uni<WindowBar> findAfter(long windowId, Instant time) {
    return find(
            "id.windowId = ?1 and id.openTime > ?2", Sort.ascending("id.openTime"), windowId, time)
        .firstResult();
  }

  /** The {@code count} oldest bars of a window, oldest first. */
  public Uni<List<WindowBar>> listOldest(long windowId, int count) {
    return find("id.windowId = ?1", Sort.ascending("id.openTime"), windowId)
        .page(Page.ofSize(count))
        .list();
  }

  /** Every bar of a window, oldest first. */
  public Uni<List<WindowBar>> listInTimeOrder(long windowId) {
    return list("id.windowId = ?1", Sort.ascending("id.openTime"), windowId);
  }

  /** The {@code count} most recent bars of a window, most recent first. */
  public Uni<List<WindowBar>> listMostRecent(long windowId, int count) {
    return find("id.windowId = ?1", Sort.descending("id.openTime"), windowId)
        .page(Page.ofSize(count))
        .list();
  }

  /** Deletes the bars of a window that opened before {@code time}. */
  public Uni<Long> deleteBefore(long windowId, Instant time) {
    return delete("id.windowId = ?1 and id.openTime < ?2", windowId, time);
  }
}

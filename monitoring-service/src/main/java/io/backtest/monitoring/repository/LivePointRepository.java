package io.backtest.monitoring.repository;

import io.backtest.monitoring.domain.LivePoint;
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

/** The paper-traded equity series. */
@ApplicationScoped
@WithSession
public class LivePointRepository implements PanacheRepositoryBase<LivePoint, LivePoint.Key> {

  /** The {@code count} latest points of a watch, oldest first. */
  public Uni<List<LivePoint>> listLatest(UUID strategyId, Instant promotedAt, int count) {
    if (count <= 0 || promotedAt == null) {
      return Uni.createFrom().item(List.of());
    }
    return find(
            "id.strategyId = ?1 and id.promotedAt = ?2",
            Sort.descending("id.barTime"),
            strategyId,
            promotedAt)
        .page(Page.ofSize(count))
        .list()
        .map(
            points -> {
              List<LivePoint> ascending = new ArrayList<>(points);
              Collections.reverse(ascending);
              return ascending;
            });
  }
}

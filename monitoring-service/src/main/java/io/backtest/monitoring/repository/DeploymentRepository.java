package io.backtest.monitoring.repository;

import io.backtest.monitoring.domain.Deployment;
import io.backtest.monitoring.domain.DeploymentStatus;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** The deployments, by strategy id. */
@ApplicationScoped
@WithSession
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {
  /**
   * What the list sorts by; by default newest promotion first. Rows without a value
   * (stopped-before-promotion rows have no {@code since} and no score) come last either way. One
   * row per strategy ever promoted: few enough to sort whole.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("strategyId")
          .nullsLast("since", "since")
          .field("status", "status")
          .nullsLast("score", "score")
          .nullsLast("stoppedAt", "stoppedAt")
          .byDefault("-since");

  /** The deployment of a strategy, locked until the end of the transaction; or null. */
  public Uni<Deployment> findForUpdate(UUID strategyId) {
    return findById(strategyId, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * The deployments paper trading a symbol and timeframe whose promotion was recorded before the
   * bar with arrival sequence {@code seq}, locked until the end of the transaction, in strategy
   * order (so concurrent lockers never deadlock).
   */
  public Uni<List<Deployment>> listTradingForUpdate(String symbol, String timeframe, long seq) {
    return find(
            "symbol = ?1 and timeframe = ?2 and status in ?3"
                + " and (startSeq is null or startSeq < ?4)",
            Sort.by("strategyId"),
            symbol,
            timeframe,
            List.of(DeploymentStatus.WATCHING, DeploymentStatus.DRIFTED),
            seq)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  /** The watched deployments trading a symbol (any timeframe), in strategy order. */
  public Uni<List<Deployment>> listWatching(String symbol) {
    return find(
            "symbol = ?1 and status = ?2", Sort.by("strategyId"), symbol, DeploymentStatus.WATCHING)
        .list();
  }

  /** One page of deployments in {@code order}, of one status or all (null). */
  public Uni<List<Deployment>> listPage(
      DeploymentStatus status, PageRequest request, SortRequest order) {
    if (request.offset() > Integer.MAX_VALUE - request.size()) {
      // Panache addresses rows by an int offset; no page that far out holds any
      return Uni.createFrom().item(List.of());
    }
    Sort sort = PanacheSort.of(order);
    var query = status == null ? findAll(sort) : find("status", sort, status);
    return query.page(Page.of(request.page(), request.size())).list();
  }

  /** Deployments of one status or all (null). */
  public Uni<Long> count(DeploymentStatus status) {
    return status == null ? count() : count("status", status);
  }
}

package io.backtest.strategy.repository;

import io.backtest.strategy.domain.Deployment;
import io.backtest.strategy.domain.DeploymentAction;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The append-only deployment history: rows are added, never changed. */
@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, Long> {

  /** A filter of the history; null fields do not filter. */
  public record Filter(UUID strategyId, UUID cycleId) {}

  /**
   * What the history sorts by; by default newest first. {@code seq} is the key, and {@code at}
   * follows it but for changes committed in another order than their clocks; one row per change of
   * the live set, few enough to sort.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("seq").field("seq", "seq").field("at", "at").byDefault("-seq");

  /** A page of the history in {@code order}. */
  public Uni<List<Deployment>> page(Filter filter, PageRequest request, SortRequest order) {
    Query q = query(filter);
    Sort sort = PanacheSort.of(order);
    return Paging.list(
        q.where.isEmpty() ? findAll(sort) : find(q.where, sort, q.parameters), request);
  }

  /** How many rows the filter matches. */
  public Uni<Long> count(Filter filter) {
    Query q = query(filter);
    return q.where.isEmpty() ? count() : count(q.where, q.parameters);
  }

  /** The last {@code seq} of the history; 0 when it is empty. */
  public Uni<Long> lastSeq() {
    return find("select coalesce(max(d.seq), 0) from Deployment d")
        .project(Long.class)
        .singleResult();
  }

  /**
   * The live set as it stood after row {@code seq}: the history replayed up to there, i.e. every
   * strategy whose last change up to {@code seq} was a promotion. Returns those promotions, in the
   * order they happened.
   */
  public Uni<List<Deployment>> liveSetAfter(long seq) {
    return list(
        "from Deployment d where d.action = :promoted and d.seq = (select max(e.seq) from"
            + " Deployment e where e.strategyId = d.strategyId and e.seq <= :seq) order by d.seq",
        Parameters.with("promoted", DeploymentAction.PROMOTED).and("seq", seq));
  }

  private record Query(String where, Parameters parameters) {}

  private static Query query(Filter filter) {
    List<String> clauses = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (filter.strategyId() != null) {
      clauses.add("strategyId = :strategyId");
      parameters = parameters.and("strategyId", filter.strategyId());
    }
    if (filter.cycleId() != null) {
      clauses.add("cycleId = :cycleId");
      parameters = parameters.and("cycleId", filter.cycleId());
    }
    return new Query(String.join(" and ", clauses), parameters);
  }
}

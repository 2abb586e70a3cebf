package io.backtest.strategy.repository;

import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.domain.StrategyStatus;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Strategies: candidates, the live set and retired ones. */
@ApplicationScoped
public class StrategyRepository implements PanacheRepositoryBase<Strategy, UUID> {

  /** A filter of the strategy list; null fields do not filter. */
  public record Filter(StrategyStatus status, UUID cycleId) {}

  /**
   * What the strategy list sorts by; by default newest cycle first, then by rank. Indexes serve the
   * default order and the best score first over every strategy (V8), and the filters (by status,
   * then creation; by cycle, then rank); another order sorts the matching rows, one per candidate
   * generated, which a cycle filter keeps to the cycle's candidates.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("id")
          .field("createdAt", "createdAt")
          .nullsLast("score", "score")
          .nullsLast("rank", "rank")
          .field("status", "status")
          .nullsLast("promotedAt", "promotedAt")
          .byDefault("-createdAt,rank");

  /** A page of strategies in {@code order}. */
  public Uni<List<Strategy>> page(Filter filter, PageRequest request, SortRequest order) {
    Query q = query(filter);
    Sort sort = PanacheSort.of(order);
    return Paging.list(
        q.where.isEmpty() ? findAll(sort) : find(q.where, sort, q.parameters), request);
  }

  /** How many strategies the filter matches. */
  public Uni<Long> count(Filter filter) {
    Query q = query(filter);
    return q.where.isEmpty() ? count() : count(q.where, q.parameters);
  }

  /**
   * Key of the PostgreSQL advisory lock that guards the live set. Every change of the live set
   * (promotion decisions, an operator's promotions, demotions and rollbacks) takes it first, in its
   * transaction, so that changes on any instance happen one after the other, each deciding on the
   * live set the one before left, and the deployment history's order is the commit order. The cap
   * itself is also held by the database ({@link LiveLimitRepository}), whatever takes this lock.
   */
  public static final long LIVE_SET_LOCK = 0x53545241544c5631L; // "STRATLV1"

  /** Takes the live-set lock until the current transaction ends (waits while another holds it). */
  public Uni<Void> lockLiveSet() {
    return getSession()
        .chain(
            s ->
                s.createNativeQuery("select 1 from pg_advisory_xact_lock(:key)", Integer.class)
                    .setParameter("key", LIVE_SET_LOCK)
                    .getSingleResult())
        .replaceWithVoid();
  }

  /** The live set, in the order its strategies went live. */
  public Uni<List<Strategy>> live() {
    return list("status", Sort.by("promotedAt").and("id"), StrategyStatus.LIVE);
  }

  /** How many strategies are live on datasets of {@code symbol}. */
  public Uni<Long> countLiveOnSymbol(String symbol) {
    return find(
            "select count(s) from Strategy s, Dataset d where d.id = s.datasetId"
                + " and s.status = ?1 and d.symbol = ?2",
            StrategyStatus.LIVE,
            symbol)
        .project(Long.class)
        .singleResult();
  }

  /** The given strategies (those that exist). */
  public Uni<List<Strategy>> byIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("id in ?1", ids);
  }

  /** The strategies of a cycle. */
  public Uni<List<Strategy>> ofCycle(UUID cycleId) {
    return list("cycleId", cycleId);
  }

  /**
   * Up to {@code limit} strategies whose parameters are encrypted with one of {@code keyIds}, with
   * ids above {@code after} (null: from the first), by id.
   */
  public Uni<List<SealedValue>> parametersUnder(Collection<String> keyIds, UUID after, int limit) {
    return SealedValue.page("Strategy", "parametersEnc", "parametersKeyId", keyIds, after, limit);
  }

  /**
   * Replaces a strategy's encrypted parameters and fingerprint, only if they are still encrypted
   * with {@code fromKeyId} (another instance may have rewritten them meanwhile). Touches no other
   * column, so that it never undoes a concurrent change of the strategy.
   *
   * @return whether the row was rewritten
   */
  public Uni<Boolean> resealParameters(
      UUID id, String fromKeyId, byte[] value, String keyId, String fingerprint) {
    return update(
            "parametersEnc = :value, parametersKeyId = :key, parametersFingerprint = :fingerprint"
                + " where id = :id and parametersKeyId = :from",
            Parameters.with("value", value)
                .and("key", keyId)
                .and("fingerprint", fingerprint)
                .and("id", id)
                .and("from", fromKeyId))
        .map(n -> n > 0);
  }

  /** How many strategies' parameters each key id encrypts. */
  public Uni<Map<String, Long>> countByParametersKey() {
    return getSession()
        .chain(
            s ->
                s.createSelectionQuery(
                        "select parametersKeyId, count(*) from Strategy group by parametersKeyId",
                        Object[].class)
                    .getResultList())
        .map(StrategyRepository::counts);
  }

  static Map<String, Long> counts(List<Object[]> rows) {
    Map<String, Long> counts = new TreeMap<>();
    rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
    return counts;
  }

  private record Query(String where, Parameters parameters) {}

  private static Query query(Filter filter) {
    List<String> clauses = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (filter.status() != null) {
      clauses.add("status = :status");
      parameters = parameters.and("status", filter.status());
    }
    if (filter.cycleId() != null) {
      clauses.add("cycleId = :cycleId");
      parameters = parameters.and("cycleId", filter.cycleId());
    }
    return new Query(String.join(" and ", clauses), parameters);
  }
}

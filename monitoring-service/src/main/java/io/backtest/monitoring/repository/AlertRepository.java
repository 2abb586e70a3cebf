package io.backtest.monitoring.repository;

import io.backtest.monitoring.domain.Alert;
import io.backtest.monitoring.domain.AlertSeverity;
import io.backtest.support.http.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The alerts raised, newest first. */
@ApplicationScoped
@WithSession
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {
  private static final Sort NEWEST_FIRST =
      Sort.by("raisedAt", Sort.Direction.Descending).and("alertId");

  /**
   * What alerts to list; a null field does not filter.
   *
   * @param from raised at or after
   * @param to raised before
   */
  public record Filter(
      UUID strategyId,
      String symbol,
      AlertSeverity severity,
      String kind,
      Instant from,
      Instant to) {

    private String query(Parameters parameters) {
      List<String> clauses = new ArrayList<>();
      if (strategyId != null) {
        clauses.add("strategyId = :strategyId");
        parameters.and("strategyId", strategyId);
      }
      if (symbol != null) {
        clauses.add("symbol = :symbol");
        parameters.and("symbol", symbol);
      }
      if (severity != null) {
        clauses.add("severity = :severity");
        parameters.and("severity", severity);
      }
      if (kind != null) {
        clauses.add("kind = :kind");
        parameters.and("kind", kind);
      }
      if (from != null) {
        clauses.add("raisedAt >= :from");
        parameters.and("from", from);
      }
      if (to != null) {
        clauses.add("raisedAt < :to");
        parameters.and("to", to);
      }
      return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }
  }

  /** One page of the alerts that pass {@code filter}, newest first. */
  public Uni<List<Alert>> listPage(Filter filter, PageRequest request) {
    if (request.offset() > Integer.MAX_VALUE - request.size()) {
      // Panache addresses rows by an int offset; no page that far out holds any
      return Uni.createFrom().item(List.of());
    }
    Parameters parameters = new Parameters();
    String query = filter.query(parameters);
    return find(query, NEWEST_FIRST, parameters)
        .page(Page.of(request.page(), request.size()))
        .list();
  }

  /** How many alerts pass {@code filter}. */
  public Uni<Long> count(Filter filter) {
    Parameters parameters = new Parameters();
    String query = filter.query(parameters);
    return count(query, parameters);
  }
}

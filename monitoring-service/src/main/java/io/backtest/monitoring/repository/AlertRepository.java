package io.backtest.monitoring.repository;

import io.backtest.monitoring.domain.Alert;
import io.backtest.monitoring.domain.AlertSeverity;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The alerts raised. */
@ApplicationScoped
@WithSession
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {
  /**
   * What the alert list sorts by; by default newest first. Raising time is indexed (both ways);
   * severity sorts the alerts the filters leave, a few per live strategy and event.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("alertId")
          .field("raisedAt", "raisedAt")
          .field("severity", "severityLevel")
          .byDefault("-raisedAt");

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

  /** One page of the alerts that pass {@code filter}, in {@code order}. */
  public Uni<List<Alert>> listPage(Filter filter, PageRequest request, SortRequest order) {
    if (request.offset() > Integer.MAX_VALUE - request.size()) {
      // Panache addresses rows by an int offset; no page that far out holds any
      return Uni.createFrom().item(List.of());
    }
    Parameters parameters = new Parameters();
    String query = filter.query(parameters);
    return find(query, PanacheSort.of(order), parameters)
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

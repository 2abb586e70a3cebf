package io.backtest.regime.repository;

import io.backtest.regime.domain.RecordedRegimeChange;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The append-only history of regime changes. */
@ApplicationScoped
@WithSession
public class RegimeChangeRepository implements PanacheRepository<RecordedRegimeChange> {

  /**
   * A filter on the history.
   *
   * @param symbol the symbol
   * @param timeframe one timeframe, or null for all
   * @param detector one detector, or null for all
   */
  public record Filter(String symbol, String timeframe, String detector) {
    String query() {
      return "symbol = :symbol"
          + (timeframe == null ? "" : " and timeframe = :timeframe")
          + (detector == null ? "" : " and detector = :detector");
    }

    Parameters parameters() {
      Parameters p = Parameters.with("symbol", symbol);
      if (timeframe != null) {
        p = p.and("timeframe", timeframe);
      }
      if (detector != null) {
        p = p.and("detector", detector);
      }
      return p;
    }
  }

  /**
   * What the history sorts by; by default newest first, by bar time then record (several detectors
   * change on one bar). The history is always one symbol's, whose index serves bar time both ways;
   * the record time sorts that symbol's changes.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("id")
          .field("barTime", "barTime")
          .field("changedAt", "changedAt")
          .byDefault("-barTime");

  /** One page of the changes matching {@code filter}, in {@code order}. */
  public Uni<List<RecordedRegimeChange>> listPage(
      Filter filter, PageRequest request, SortRequest order) {
    if (request.offset() > Integer.MAX_VALUE - request.size()) {
      // Panache addresses rows by an int offset; no page that far out holds any
      return Uni.createFrom().item(List.of());
    }
    return find(filter.query(), PanacheSort.of(order), filter.parameters())
        .page(Page.of(request.page(), request.size()))
        .list();
  }

  /** How many changes match {@code filter}. */
  public Uni<Long> count(Filter filter) {
    return count(filter.query(), filter.parameters());
  }
}

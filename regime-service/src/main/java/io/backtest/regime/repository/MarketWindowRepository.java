package io.backtest.regime.repository;

import io.backtest.regime.domain.MarketWindow;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.backtest.support.persistence.PanacheSort;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

/** The rolling windows. */
@ApplicationScoped
@WithSession
public class MarketWindowRepository implements PanacheRepository<MarketWindow> {

  /**
   * The window of a symbol and timeframe, created empty if it does not exist yet, and locked until
   * the end of the transaction so that its bars and sums change one event at a time.
   */
  public Uni<MarketWindow> lockOrCreate(String symbol, String timeframe, double barsPerYear) {
    // insert-if-absent first: two consumers creating the same window cannot both fail or both win
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into market_window (symbol, timeframe, bars_per_year, updated_at)"
                            + " values (:symbol, :timeframe, :barsPerYear, :now)"
                            + " on conflict (symbol, timeframe) do nothing")
                    .setParameter("symbol", symbol)
                    .setParameter("timeframe", timeframe)
                    .setParameter("barsPerYear", barsPerYear)
                    .setParameter("now", Instant.now())
                    .executeUpdate())
        .chain(
            created ->
                find("symbol = ?1 and timeframe = ?2", symbol, timeframe)
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .singleResult());
  }

  /** The window of a symbol and timeframe, or null. */
  public Uni<MarketWindow> findBySymbolAndTimeframe(String symbol, String timeframe) {
    return find("symbol = ?1 and timeframe = ?2", symbol, timeframe).firstResult();
  }

  /** The windows of a symbol, of one timeframe when it is not null, by timeframe. */
  public Uni<List<MarketWindow>> listBySymbol(String symbol, String timeframe) {
    return timeframe == null
        ? list("symbol = ?1", Sort.by("timeframe"), symbol)
        : list("symbol = ?1 and timeframe = ?2", Sort.by("timeframe"), symbol, timeframe);
  }

  /**
   * What the window list sorts by; by default by symbol, then timeframe (unique together). One row
   * per symbol and timeframe fed: few enough to sort whole.
   */
  public static final SortFields SORT =
      SortFields.tiebreaker("id")
          .field("symbol", "symbol")
          .field("timeframe", "timeframe")
          .field("bars", "bars")
          .nullsLast("from", "firstTime")
          .nullsLast("to", "lastTime")
          .byDefault("symbol,timeframe");

  /** One page of windows in {@code order}. */
  public Uni<List<MarketWindow>> listPage(PageRequest request, SortRequest order) {
    if (request.offset() > Integer.MAX_VALUE - request.size()) {
      // Panache addresses rows by an int offset; no page that far out holds any
      return Uni.createFrom().item(List.of());
    }
    return findAll(PanacheSort.of(order)).page(Page.of(request.page(), request.size())).list();
  }
}

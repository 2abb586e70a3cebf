package io.backtest.regime.repository;

import io.backtest.regime.domain.CurrentRegime;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The current regime of every detector, symbol and timeframe. */
@ApplicationScoped
@WithSession
public class CurrentRegimeRepository
    implements PanacheRepositoryBase<CurrentRegime, CurrentRegime.Key> {

  /** The current regimes of a symbol's timeframe. */
  public Uni<List<CurrentRegime>> listByWindow(String symbol, String timeframe) {
    return list("id.symbol = ?1 and id.timeframe = ?2", symbol, timeframe);
  }

  /** The current regimes of a symbol, of one timeframe when it is not null. */
  public Uni<List<CurrentRegime>> listBySymbol(String symbol, String timeframe) {
    Sort order = Sort.by("id.timeframe").and("id.detector");
    return timeframe == null
        ? list("id.symbol = ?1", order, symbol)
        : list("id.symbol = ?1 and id.timeframe = ?2", order, symbol, timeframe);
  }
}

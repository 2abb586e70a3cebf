package io.backtest.strategy.repository;

import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.strategy.domain.MarketRegime;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The markets' current regimes, per symbol, timeframe and detector. */
@ApplicationScoped
public class MarketRegimeRepository
    implements PanacheRepositoryBase<MarketRegime, MarketRegime.Key> {

  /**
   * Records {@code change} (event {@code eventId}) as the market's current regime of its detector,
   * unless a change of a bar at the same time or later is stored already: events of one market may
   * arrive late or again, and an older verdict must not replace a newer one. One statement, so two
   * consumers recording changes of one market at once cannot lose the newer.
   *
   * @return whether the row was written
   */
  public Uni<Boolean> record(MarketRegimeChanged change, UUID eventId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into market_regime (symbol, timeframe, detector, regime, bar_time,"
                            + " changed_at, event_id) values (:symbol, :timeframe, :detector,"
                            + " :regime, :barTime, :changedAt, :eventId) on conflict (symbol,"
                            + " timeframe, detector) do update set regime = excluded.regime,"
                            + " bar_time = excluded.bar_time, changed_at = excluded.changed_at,"
                            + " event_id = excluded.event_id"
                            + " where market_regime.bar_time < excluded.bar_time")
                    .setParameter("symbol", change.symbol())
                    .setParameter("timeframe", change.timeframe())
                    .setParameter("detector", change.detector())
                    .setParameter("regime", change.to())
                    .setParameter("barTime", change.barTime())
                    .setParameter("changedAt", change.changedAt())
                    .setParameter("eventId", eventId)
                    .executeUpdate())
        .map(rows -> rows > 0);
  }

  /** The market's current regimes, one per detector that has given a verdict, by detector. */
  public Uni<List<MarketRegime>> current(String symbol, String timeframe) {
    return find(
            "key.symbol = ?1 and key.timeframe = ?2", Sort.by("key.detector"), symbol, timeframe)
        .list();
  }
}

package io.backtest.scoring.repository;

import io.backtest.scoring.domain.Outcome;
import io.backtest.scoring.domain.ReturnSeries;
import io.backtest.scoring.domain.SeriesPoints;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Return series of scored backtests. */
@ApplicationScoped
public class ReturnSeriesRepository implements PanacheRepositoryBase<ReturnSeries, UUID> {
  private static final String POINTS =
      "select new io.backtest.scoring.domain.SeriesPoints(s.backtestId, s.strategyId,"
          + " s.barsPerYear, s.barsPerPoint, s.alignment, s.returns)";

  /** The series of the scored results counted in a cycle, by strategy id. */
  public Uni<List<SeriesPoints>> findCounted(UUID cycleId) {
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        POINTS
                            + " from ReturnSeries s, StrategyResult r"
                            + " where r.backtestId = s.backtestId and r.cycleId = :cycle"
                            + " and r.outcome = :scored and r.late = false order by r.strategyId",
                        SeriesPoints.class)
                    .setParameter("cycle", cycleId)
                    .setParameter("scored", Outcome.SCORED)
                    .getResultList());
  }

  /**
   * The series of the strategies live now, each from the cycle that promoted it, by strategy id;
   * {@code exceptCycle}'s own are left out.
   */
  public Uni<List<SeriesPoints>> findLive(UUID exceptCycle) {
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        POINTS
                            + " from ReturnSeries s, StrategyStanding st"
                            + " where st.strategyId = s.strategyId and st.live = true"
                            + " and s.cycleId = st.promotedCycleId and s.cycleId <> :cycle"
                            + " order by s.strategyId",
                        SeriesPoints.class)
                    .setParameter("cycle", exceptCycle)
                    .getResultList());
  }
}

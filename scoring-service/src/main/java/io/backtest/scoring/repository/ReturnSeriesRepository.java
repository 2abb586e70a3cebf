package io.backtest.scoring.repository;

import io.backtest.scoring.domain.ReturnSeries;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Return series of scored backtests. */
@ApplicationScoped
public class ReturnSeriesRepository implements PanacheRepositoryBase<ReturnSeries, UUID> {}

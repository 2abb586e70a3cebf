package io.backtest.scoring.repository;

import io.backtest.scoring.domain.CycleCorrelations;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The correlations each cycle's close computed. */
@ApplicationScoped
public class CorrelationRepository implements PanacheRepositoryBase<CycleCorrelations, UUID> {}

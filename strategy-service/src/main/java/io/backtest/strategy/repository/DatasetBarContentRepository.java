package io.backtest.strategy.repository;

import io.backtest.strategy.domain.DatasetBarContent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The stored bars of datasets, by dataset id. */
@ApplicationScoped
public class DatasetBarContentRepository
    implements PanacheRepositoryBase<DatasetBarContent, String> {}

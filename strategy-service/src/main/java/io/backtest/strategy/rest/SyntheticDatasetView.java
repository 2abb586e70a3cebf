package io.backtest.strategy.rest;

import java.util.List;

/**
 * A synthetic dataset and the true regimes of its bars.
 *
 * @param dataset the dataset
 * @param regimes run-length encoded regime labels covering every bar (empty for {@code gbm})
 */
public record SyntheticDatasetView(DatasetView dataset, List<RegimeView> regimes) {}

package io.backtest.scoring.domain;

import io.backtest.contracts.events.WalkForwardSettings;
import java.util.List;

/**
 * What scoring keeps of a result's walk-forward analysis beside its counts (in {@code
 * strategy_result.walk_forward}): how it was run and each fold's in- and out-of-sample Sharpe
 * ratios, which the overfitting statistics need.
 *
 * @param settings how the analysis cut and optimised the folds
 * @param folds every fold, in order
 */
public record WalkForwardRecord(WalkForwardSettings settings, List<WalkForwardFold> folds) {}

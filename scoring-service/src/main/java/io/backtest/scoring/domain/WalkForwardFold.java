package io.backtest.scoring.domain;

import java.util.Map;

/**
 * One fold of a result's walk-forward analysis as scoring keeps it (in {@code
 * strategy_result.folds}): what the overfitting statistics need, the in- and out-of-sample Sharpe
 * ratios of the parameter set chosen in-sample, with the windows they were measured on.
 *
 * @param index fold number from 0
 * @param inSampleFrom first bar of the in-sample window
 * @param inSampleTo end of the in-sample window, exclusive
 * @param outOfSampleFrom first bar of the out-of-sample window
 * @param outOfSampleTo end of the out-of-sample window, exclusive
 * @param parameters the parameter set chosen in-sample
 * @param inSampleSharpe its annualised Sharpe ratio in-sample
 * @param outOfSampleSharpe its annualised Sharpe ratio out-of-sample
 */
public record WalkForwardFold(
    int index,
    int inSampleFrom,
    int inSampleTo,
    int outOfSampleFrom,
    int outOfSampleTo,
    Map<String, Number> parameters,
    double inSampleSharpe,
    double outOfSampleSharpe) {}

/**
 * Statistics that judge a selection of strategies rather than one backtest: the probabilistic and
 * deflated Sharpe ratios, the minimum backtest length, the probability of backtest overfitting by
 * combinatorially symmetric cross-validation, and correlation. Each class names its paper.
 */
package io.backtest.engine.statistics;

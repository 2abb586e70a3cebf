package io.backtest.scoring.domain;

import io.backtest.contracts.events.BacktestMetrics;

/**
 * The platform's first score: {@code sharpe × (1 − maxDrawdown)} when the strategy traded at least
 * once, else 0, rounded to 4 decimals.
 *
 * <p>Why: the annualised Sharpe ratio (Sharpe, "The Sharpe Ratio", Journal of Portfolio Management
 * 21(1), 1994) rewards return per unit of volatility but is blind to the order of returns, so two
 * series with the same mean and variance score alike even when one of them loses half its equity in
 * a single run of bad bars. Weighting it by the share of equity that survives the worst
 * peak-to-trough fall adds that path risk, in the spirit of the Calmar ratio (Young, "Calmar Ratio:
 * A Smoother Tool", Futures 20(1), 1991) but bounded and defined when the drawdown is 0. A strategy
 * that never traded has no evidence either way and scores 0 (its Sharpe ratio is 0 or undefined
 * anyway).
 *
 * <p>Details: the drawdown is clamped to [0, 1] (a positive fraction; beyond 1 equity was wiped out
 * and nothing survives, so the factor stays 0 instead of turning negative and flipping the sign).
 * For a negative Sharpe ratio the factor shrinks the loss, so among losing strategies a deeper
 * drawdown scores closer to 0; only positive scores matter for promotion, and the composite score
 * planned next replaces this formula.
 */
public final class DrawdownAdjustedSharpe implements ScoringModel {

  /** The formula as the API shows it. */
  public static final String FORMULA = "sharpe × (1 − maxDrawdown)";

  @Override
  public double score(BacktestMetrics metrics) {
    if (metrics.tradeCount() < 1) {
      return 0.0;
    }
    double survivingEquity = 1 - Math.clamp(metrics.maxDrawdown(), 0.0, 1.0);
    return ScoringModel.round(metrics.sharpe() * survivingEquity);
  }

  @Override
  public String formula() {
    return FORMULA;
  }
}

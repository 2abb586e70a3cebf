package io.backtest.strategy.domain;

/**
 * The thresholds of the promotion gate.
 *
 * @param cap maximum number of live strategies, never exceeded
 * @param maxPerCycle maximum promotions by one cycle
 * @param minScore minimum composite score (inclusive)
 * @param maxDrawdown maximum drawdown of the backtest as a fraction (inclusive)
 * @param minTrades minimum number of trades of the backtest (inclusive)
 */
public record PromotionRules(
    int cap, int maxPerCycle, double minScore, double maxDrawdown, int minTrades) {
  public PromotionRules {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be >= 1 but was " + cap);
    }
    if (maxPerCycle < 1) {
      throw new IllegalArgumentException("maxPerCycle must be >= 1 but was " + maxPerCycle);
    }
    if (!Double.isFinite(minScore)) {
      throw new IllegalArgumentException("minScore must be finite but was " + minScore);
    }
    if (!(maxDrawdown >= 0 && maxDrawdown <= 1)) {
      throw new IllegalArgumentException("maxDrawdown must be in [0, 1] but was " + maxDrawdown);
    }
    if (minTrades < 0) {
      throw new IllegalArgumentException("minTrades must be >= 0 but was " + minTrades);
    }
  }
}

package io.backtest.strategy.config;

import io.backtest.strategy.domain.PromotionRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Thresholds of the promotion gate. */
@ConfigMapping(prefix = "strategy.promotion")
public interface PromotionConfig {

  /** Maximum number of live strategies; never exceeded. */
  @WithDefault("35")
  int cap();

  /** Maximum promotions decided by one cycle. */
  @WithName("max-per-cycle")
  @WithDefault("5")
  int maxPerCycle();

  /** Minimum composite score of a promoted strategy (inclusive). */
  @WithName("min-score")
  @WithDefault("0.5")
  double minScore();

  /** Maximum drawdown of a promoted strategy's backtest, as a fraction (inclusive). */
  @WithName("max-drawdown")
  @WithDefault("0.35")
  double maxDrawdown();

  /** Minimum number of trades of a promoted strategy's backtest (inclusive). */
  @WithName("min-trades")
  @WithDefault("1")
  int minTrades();

  /** The settings as the domain's rules (validated there). */
  default PromotionRules rules() {
    return new PromotionRules(cap(), maxPerCycle(), minScore(), maxDrawdown(), minTrades());
  }
}

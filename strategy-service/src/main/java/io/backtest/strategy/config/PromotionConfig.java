package io.backtest.strategy.config;

import io.backtest.engine.selection.PromotionRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Thresholds of the promotion gate (the engine's {@link PromotionRules}). The defaults are the
 * engine's documented ones, {@link PromotionRules#DEFAULT} (a test holds them equal). The cap is
 * also written into the database at every start-up, where a constraint holds it (see {@code
 * LiveLimitBootstrap}).
 */
@ConfigMapping(prefix = "strategy.promotion")
public interface PromotionConfig {

  /**
   * Most strategies live at once (1 to {@value #MAX_CAP}); never exceeded, also in the database.
   */
  @WithDefault("35")
  @Min(1)
  @Max(MAX_CAP)
  int cap();

  /** Most promotions decided by one cycle. */
  @WithName("max-per-cycle")
  @WithDefault("35")
  @Min(1)
  int maxPerCycle();

  /** Minimum deflated Sharpe ratio of a promoted strategy (inclusive). */
  @WithName("min-deflated-sharpe")
  @WithDefault("0.95")
  double minDeflatedSharpe();

  /** The cycle's CSCV probability of out-of-sample loss must be below this. */
  @WithName("max-probability-of-oos-loss")
  @WithDefault("0.2")
  double maxProbabilityOfOosLoss();

  /** Maximum out-of-sample drawdown of a promoted strategy, as a fraction (inclusive). */
  @WithName("max-drawdown")
  @WithDefault("0.20")
  double maxDrawdown();

  /** Minimum number of trades of a promoted strategy (inclusive). */
  @WithName("min-trades")
  @WithDefault("10")
  int minTrades();

  /** Minimum t-statistic of the out-of-sample mean return (inclusive). */
  @WithName("min-t-statistic")
  @WithDefault("2.0")
  double minTStatistic();

  /** Whether the out-of-sample record must be at least the minimum backtest length. */
  @WithName("require-min-backtest-length")
  @WithDefault("true")
  boolean requireMinBacktestLength();

  /** A candidate's |correlation| with every live strategy and earlier pick must be below this. */
  @WithName("max-correlation")
  @WithDefault("0.7")
  double maxCorrelation();

  /** Score by which a candidate must beat the weakest live strategy of a full live set. */
  @WithName("replacement-margin")
  @WithDefault("0.05")
  double replacementMargin();

  /**
   * Whether the regime-fit gate is on: a candidate losing (negative mean out-of-sample return per
   * point) in the market's current regime of a detector, as the latest {@code
   * market.regime.changed} of the cycle's symbol and timeframe says, is not promoted. Off by
   * default: a market with no recorded regime, or a candidate with too few points in it, passes.
   */
  @WithName("regime-fit.required")
  @WithDefault("false")
  boolean regimeFitRequired();

  /**
   * Out-of-sample points a candidate needs in the current regime of a detector for the regime-fit
   * gate to judge it on that detector (fewer: not judged).
   */
  @WithName("regime-fit.min-points")
  @WithDefault("" + PromotionRules.DEFAULT_MIN_REGIME_POINTS)
  @Min(1)
  int regimeFitMinPoints();

  /** Largest cap accepted: the live set is read and decided on in one transaction. */
  int MAX_CAP = 1000;

  /** The settings as the engine's rules (which validate the rest). */
  default PromotionRules rules() {
    return new PromotionRules(
        minDeflatedSharpe(),
        maxProbabilityOfOosLoss(),
        maxDrawdown(),
        minTrades(),
        minTStatistic(),
        requireMinBacktestLength(),
        maxCorrelation(),
        replacementMargin(),
        cap(),
        maxPerCycle(),
        regimeFitRequired(),
        regimeFitMinPoints());
  }
}

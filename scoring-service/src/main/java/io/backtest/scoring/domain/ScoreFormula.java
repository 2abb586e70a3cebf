package io.backtest.scoring.domain;

import io.backtest.contracts.events.ScoringWeights;
import io.backtest.engine.selection.CycleScorer;
import java.math.BigDecimal;

/** The composite score in words, as the API shows it next to a score. */
public final class ScoreFormula {

  private ScoreFormula() {}

  /**
   * The formula with the weights a cycle uses (see {@link CycleScorer}): the weighted mean of four
   * components in [0, 1].
   */
  public static String describe(ScoringWeights w) {
    String sharpeScale = number(CycleScorer.SHARPE_FOR_FULL_COMPONENT);
    String drawdownScale = number(CycleScorer.DRAWDOWN_FOR_ZERO_COMPONENT);
    return "score = ("
        + number(w.deflatedSharpe())
        + " × deflatedSharpe + "
        + number(w.sharpe())
        + " × clamp(sharpe / "
        + sharpeScale
        + ", 0, 1) + "
        + number(w.consistency())
        + " × foldConsistency + "
        + number(w.drawdown())
        + " × clamp(1 − maxDrawdown / "
        + drawdownScale
        + ", 0, 1)) / (sum of the weights used), from the out-of-sample returns; without a"
        + " walk-forward analysis the fold consistency term and its weight are left out; 0"
        + " without trades; rounded half up to "
        + CycleScorer.DECIMALS
        + " decimals; ties ranked by strategy id";
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

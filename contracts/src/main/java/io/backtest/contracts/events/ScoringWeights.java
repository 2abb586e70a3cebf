package io.backtest.contracts.events;

/**
 * Weights of the composite score. The score is the weighted mean of four components, each in [0,
 * 1]: the deflated Sharpe ratio; the annualised out-of-sample Sharpe ratio over 3, clamped; the
 * share of profitable out-of-sample folds (left out, with its weight, without walk-forward); and
 * {@code 1 − maxDrawdown / 0.5}, clamped. A candidate without a trade scores 0.
 *
 * @param deflatedSharpe weight of the deflated Sharpe ratio
 * @param sharpe weight of the scaled Sharpe ratio
 * @param consistency weight of the fold consistency
 * @param drawdown weight of the drawdown component
 */
public record ScoringWeights(
    double deflatedSharpe, double sharpe, double consistency, double drawdown) {

  /** The platform's default weights. */
  public static final ScoringWeights DEFAULT = new ScoringWeights(0.5, 0.2, 0.15, 0.15);

  public ScoringWeights {
    nonNegative(deflatedSharpe, "deflatedSharpe");
    nonNegative(sharpe, "sharpe");
    nonNegative(consistency, "consistency");
    nonNegative(drawdown, "drawdown");
    if (!(deflatedSharpe + sharpe + consistency + drawdown > 0)) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
  }

  private static void nonNegative(double weight, String field) {
    Checks.finite(weight, field);
    if (weight < 0) {
      throw new IllegalArgumentException(field + " must be >= 0 but was " + weight);
    }
  }
}

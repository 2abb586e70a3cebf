package io.backtest.contracts.events;

/**
 * How far a cycle's ranking can be trusted: combinatorially symmetric cross-validation (CSCV) over
 * the T×N matrix of the candidates' out-of-sample returns (Bailey, Borwein, López de Prado &amp;
 * Zhu, "The Probability of Backtest Overfitting", Journal of Computational Finance 20(4), 2017).
 *
 * @param candidates columns of the matrix (N)
 * @param points rows of the matrix (T)
 * @param partitions blocks the rows were cut into (S, even)
 * @param splits in-sample/out-of-sample splits evaluated, {@code C(S, S/2)}
 * @param pbo probability of backtest overfitting: share of splits in which the in-sample best ranks
 *     at or below the out-of-sample median; null with fewer than two candidates
 * @param probabilityOfOosLoss share of splits in which the in-sample best loses out of sample
 * @param degradationSlope slope of out-of-sample on in-sample Sharpe ratio of the in-sample best
 *     across splits (per period); negative when in-sample success predicts out-of-sample failure
 * @param degradationIntercept intercept of that regression
 */
public record OverfittingDiagnostics(
    int candidates,
    int points,
    int partitions,
    int splits,
    Double pbo,
    double probabilityOfOosLoss,
    double degradationSlope,
    double degradationIntercept) {

  public OverfittingDiagnostics {
    Checks.atLeast(candidates, 1, "candidates");
    Checks.atLeast(points, 1, "points");
    Checks.atLeast(partitions, 2, "partitions");
    Checks.atLeast(splits, 1, "splits");
    Checks.finiteOrNull(pbo, "pbo");
    Checks.finite(probabilityOfOosLoss, "probabilityOfOosLoss");
    Checks.finite(degradationSlope, "degradationSlope");
    Checks.finite(degradationIntercept, "degradationIntercept");
  }
}

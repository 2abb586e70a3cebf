package io.backtest.contracts.events;

import java.util.List;

/**
 * The walk-forward analysis behind a backtest result.
 *
 * @param settings how it was run
 * @param folds every fold, in order
 * @param trials distinct parameter sets tried (the candidate's region), the number of trials a
 *     deflated Sharpe ratio accounts for
 * @param evaluations in-sample backtests run, {@code trials × folds}
 * @param efficiency walk-forward efficiency: annualised out-of-sample return over the mean
 *     annualised in-sample return of the chosen parameter sets; null when the latter is not
 *     positive
 */
public record WalkForwardSummary(
    WalkForwardSettings settings,
    List<FoldSummary> folds,
    int trials,
    int evaluations,
    Double efficiency) {

  public WalkForwardSummary {
    Checks.present(settings, "settings");
    folds = List.copyOf(Checks.present(folds, "folds"));
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("folds must not be empty");
    }
    Checks.atLeast(trials, 1, "trials");
    Checks.atLeast(evaluations, trials, "evaluations");
    Checks.finiteOrNull(efficiency, "efficiency");
  }
}

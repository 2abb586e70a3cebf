package io.backtest.engine.selection;

import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RankedStrategy;
import java.util.List;

/**
 * A scored cycle.
 *
 * @param ranking the candidates, best first
 * @param trials N of the deflated Sharpe ratios: the ledger's earlier trials plus this cycle's
 * @param cycleTrials this cycle's trials
 * @param trialSharpeVariance cross-sectional variance of the annualised Sharpe ratios of this
 *     cycle's and the ledger's candidates (a diagnostic; see {@link CycleScorer.SharpeVariance})
 * @param overfitting CSCV diagnostics; null when not computable
 * @param correlations among the best candidates and with the live set; null without candidates
 * @param contribution what this cycle adds to the trial ledger
 */
public record CycleScore(
    List<RankedStrategy> ranking,
    long trials,
    long cycleTrials,
    double trialSharpeVariance,
    OverfittingDiagnostics overfitting,
    Correlations correlations,
    TrialHistory contribution) {
  public CycleScore {
    ranking = List.copyOf(ranking);
  }
}

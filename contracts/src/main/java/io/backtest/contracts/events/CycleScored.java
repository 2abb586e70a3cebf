package io.backtest.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every result of a cycle is in (scored or failed) and ranked. Subject: the cycle id.
 *
 * @param cycleId the cycle
 * @param expected candidates announced by {@code cycle.started}
 * @param scored results scored
 * @param failed backtests that failed
 * @param ranking scored candidates, best first
 * @param trials trials the deflated Sharpe ratios account for: this cycle's plus those of earlier
 *     cycles on the same instrument (the trial ledger)
 * @param cycleTrials trials of this cycle alone (every parameter set its candidates tried)
 * @param trialSharpeVariance cross-sectional variance of the annualised Sharpe ratios of this
 *     cycle's and the ledger's candidates, a diagnostic (the DSR's V[SR] is the Sharpe estimator's
 *     variance under the null, see {@code CandidateStatistics#expectedMaxSharpe})
 * @param overfitting the cycle's CSCV diagnostics; null when the returns are too short or absent
 * @param weights weights of the composite score
 * @param correlations correlations among the best candidates and with the live set; null when no
 *     candidate has returns
 * @param scoredAt when the ranking was made
 */
public record CycleScored(
    UUID cycleId,
    int expected,
    int scored,
    int failed,
    List<RankedStrategy> ranking,
    long trials,
    long cycleTrials,
    double trialSharpeVariance,
    OverfittingDiagnostics overfitting,
    ScoringWeights weights,
    Correlations correlations,
    Instant scoredAt) {
  public CycleScored {
    Checks.present(cycleId, "cycleId");
    Checks.atLeast(expected, 1, "expected");
    Checks.atLeast(scored, 0, "scored");
    Checks.atLeast(failed, 0, "failed");
    ranking = List.copyOf(Checks.present(ranking, "ranking"));
    if (ranking.size() != scored) {
      throw new IllegalArgumentException(
          "ranking has " + ranking.size() + " entries but scored is " + scored);
    }
    if (trials < cycleTrials || cycleTrials < 0) {
      throw new IllegalArgumentException(
          "trials must be >= cycleTrials >= 0 but were " + trials + " and " + cycleTrials);
    }
    Checks.finite(trialSharpeVariance, "trialSharpeVariance");
    Checks.present(weights, "weights");
    Checks.present(scoredAt, "scoredAt");
  }
}

package io.backtest.scoring.rest;

import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.ScoringWeights;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a cycle's close computed about the cycle as a whole, as {@code cycle.scored} published it.
 *
 * @param trials N of the deflated Sharpe ratios: this cycle's trials plus the earlier ones on the
 *     same symbol and timeframe (the trial ledger)
 * @param cycleTrials this cycle's trials, the failed and missing results' estimated at the mean of
 *     the scored ones
 * @param trialSharpeVariance cross-sectional variance of the candidates' annualised Sharpe ratios
 *     (a diagnostic)
 * @param overfitting CSCV diagnostics (PBO, probability of out-of-sample loss, degradation); null
 *     when the returns were too short or absent
 * @param weights weights of the composite score
 * @param formula the composite score in words, with these weights
 */
@Schema(description = "What the cycle's close computed about the cycle as a whole.")
public record CycleDiagnostics(
    @Schema(
            description =
                "Trials the deflated Sharpe ratios account for: this cycle's plus the earlier ones"
                    + " on the same symbol and timeframe (the trial ledger).")
        long trials,
    @Schema(
            description =
                "This cycle's trials; those of failed and missing results estimated at the mean of"
                    + " the scored ones.")
        long cycleTrials,
    @Schema(
            description =
                "Cross-sectional variance of the annualised Sharpe ratios of this cycle's and the"
                    + " ledger's candidates (a diagnostic: the DSR's V[SR] is the Sharpe"
                    + " estimator's variance under the null, 1/(T-1) per period).")
        double trialSharpeVariance,
    @Schema(
            nullable = true,
            description =
                "CSCV diagnostics: pbo (probability of backtest overfitting), probabilityOfOosLoss,"
                    + " degradationSlope; null when the returns were too short or absent.")
        OverfittingDiagnostics overfitting,
    ScoringWeights weights,
    @Schema(description = "The composite score in words, with these weights.") String formula) {}

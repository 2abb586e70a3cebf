package io.backtest.scoring.rest;

import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.scoring.domain.WalkForwardFold;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The walk-forward analysis behind a result, as far as scoring keeps it.
 *
 * @param settings how it cut the data into folds and optimised each
 * @param foldCount folds
 * @param trials distinct parameter sets tried (what a deflated Sharpe ratio accounts for)
 * @param evaluations in-sample backtests run
 * @param efficiency annualised out-of-sample return / mean annualised in-sample return; null when
 *     the latter is not positive
 * @param folds each fold's windows, chosen parameters and in- and out-of-sample Sharpe ratios
 */
@Schema(description = "The walk-forward analysis behind a result.")
public record WalkForwardOutcome(
    WalkForwardSettings settings,
    int foldCount,
    int trials,
    int evaluations,
    @Schema(
            nullable = true,
            description =
                "Annualised out-of-sample return / mean annualised in-sample return; null when the"
                    + " latter is not positive.")
        Double efficiency,
    List<WalkForwardFold> folds) {}

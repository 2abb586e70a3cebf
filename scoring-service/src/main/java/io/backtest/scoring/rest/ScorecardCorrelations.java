package io.backtest.scoring.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A strategy's correlations as its cycle's close computed them (they are not recomputed later).
 *
 * @param computed whether the strategy was among the best candidates correlations were computed for
 * @param note what the lists cover
 * @param withLive with each strategy live at the close
 * @param withCandidates with each other of the cycle's best candidates, best first
 */
@Schema(
    description = "Correlations of the strategy's out-of-sample returns, from its cycle's close.")
public record ScorecardCorrelations(
    boolean computed,
    String note,
    List<CorrelationEntry> withLive,
    List<CorrelationEntry> withCandidates) {}

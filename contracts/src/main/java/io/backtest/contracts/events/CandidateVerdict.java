package io.backtest.contracts.events;

import java.util.List;
import java.util.UUID;

/**
 * The promotion gate's decision on one ranked candidate.
 *
 * @param strategyId the candidate
 * @param rank its rank in the cycle
 * @param outcome {@code PROMOTED} or why not, e.g. {@code REJECTED_BY_GATES}, {@code CORRELATED}
 * @param reason the decision in a sentence that names the numbers
 * @param gates every gate applied, in order
 */
public record CandidateVerdict(
    UUID strategyId, int rank, String outcome, String reason, List<GateCheck> gates) {
  public CandidateVerdict {
    Checks.present(strategyId, "strategyId");
    Checks.atLeast(rank, 1, "rank");
    Checks.text(outcome, "outcome");
    Checks.text(reason, "reason");
    gates = List.copyOf(Checks.present(gates, "gates"));
  }
}

package io.backtest.scoring.domain;

import io.backtest.contracts.events.GateCheck;
import java.util.List;

/**
 * The gates a verdict applied, as {@code candidate_verdict.gates} keeps them: a JSON object around
 * the list, because the reactive client reads a JSON column as an object.
 *
 * @param checks every gate applied, in order
 */
public record GateChecks(List<GateCheck> checks) {
  public GateChecks {
    checks = List.copyOf(checks);
  }
}

package io.backtest.scoring.domain;

import io.backtest.contracts.events.RegimePerformance;
import java.util.List;

/**
 * A ranked result's out-of-sample record per regime as {@code strategy_result.regimes} keeps it: a
 * JSON object around the list, because the reactive client reads a JSON column as an object.
 *
 * @param regimes one entry per detector and regime with out-of-sample points; empty when the
 *     dataset's regimes were unknown
 */
public record RegimeRecord(List<RegimePerformance> regimes) {
  public RegimeRecord {
    regimes = List.copyOf(regimes);
  }
}

package io.backtest.scoring.domain;

import io.backtest.contracts.events.RegimeRun;
import java.util.List;

/**
 * The dataset's regime runs as {@code scoring_cycle.regimes} keeps them: a JSON object around the
 * list, because the reactive client reads a JSON column as an object.
 *
 * @param runs the runs {@code cycle.started} carried, in its order; empty when it carried none
 */
public record CycleRegimes(List<RegimeRun> runs) {
  public CycleRegimes {
    runs = List.copyOf(runs);
  }
}

package io.backtest.contracts.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One walk-forward fold: the parameter set that won in-sample and how it did in and out of sample.
 *
 * @param index fold number from 0
 * @param inSample the window it was chosen on
 * @param outOfSample the window it was then tested on
 * @param parameters the chosen parameter set, in the template's order
 * @param inSampleMetrics its metrics in-sample
 * @param outOfSampleMetrics its metrics out-of-sample
 */
public record FoldSummary(
    int index,
    BarWindow inSample,
    BarWindow outOfSample,
    Map<String, Number> parameters,
    BacktestMetrics inSampleMetrics,
    BacktestMetrics outOfSampleMetrics) {

  public FoldSummary {
    Checks.atLeast(index, 0, "index");
    Checks.present(inSample, "inSample");
    Checks.present(outOfSample, "outOfSample");
    parameters =
        Collections.unmodifiableMap(new LinkedHashMap<>(Checks.present(parameters, "parameters")));
    Checks.present(inSampleMetrics, "inSampleMetrics");
    Checks.present(outOfSampleMetrics, "outOfSampleMetrics");
  }
}

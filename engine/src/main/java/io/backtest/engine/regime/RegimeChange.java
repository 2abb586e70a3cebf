package io.backtest.engine.regime;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A detector's regime changed at a bar.
 *
 * @param detector the detector's {@link RegimeDetector#name() name}
 * @param from the regime before this bar; {@code null} for the first regime after the warm-up
 * @param to the regime from this bar on
 * @param barIndex 0-based index of the bar in the stream fed to the detector
 * @param time the bar's time (its open, as in {@link io.backtest.engine.data.OhlcvBar#time()})
 * @param statistics the numbers behind the decision, in a stable order (e.g. the realised
 *     volatility and the thresholds it crossed); every value finite
 * @param <R> the regime type
 */
public record RegimeChange<R extends Enum<R>>(
    String detector, R from, R to, long barIndex, Instant time, Map<String, Double> statistics) {

  /** Checks the change and copies the statistics, keeping their order. */
  public RegimeChange {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(time, "time");
    if (from == to) {
      throw new IllegalArgumentException("a change needs two different regimes but both are " + to);
    }
    if (barIndex < 0) {
      throw new IllegalArgumentException("barIndex must be >= 0 but was " + barIndex);
    }
    statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    for (Map.Entry<String, Double> e : statistics.entrySet()) {
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            "statistic " + e.getKey() + " must be finite but was " + e.getValue());
      }
    }
  }

  /** Whether this is the first regime after the warm-up rather than a change between two. */
  public boolean isFirst() {
    return from == null;
  }
}

package io.backtest.regime.domain;

import java.util.Map;

/**
 * A detector's regime after a bar differs from the one it reported last.
 *
 * @param detector {@code volatility}, {@code trend} or {@code hmm}
 * @param from the regime reported last; null before the detector's first verdict
 * @param to the new regime
 * @param statistics the figures behind it, by name
 * @param evidence why, in words, without the "from -> to" head (e.g. "realised volatility 0.0041
 *     per bar at or above the upper threshold 0.0030 + hysteresis for 4 bars")
 */
public record DetectedChange(
    String detector, String from, String to, Map<String, Double> statistics, String evidence) {
  public DetectedChange {
    statistics = Map.copyOf(statistics);
  }

  /** The change in a sentence, such as {@code volatility NORMAL -> HIGH: <evidence>}. */
  public String reason() {
    return detector + " " + (from == null ? "(none)" : from) + " -> " + to + ": " + evidence;
  }
}

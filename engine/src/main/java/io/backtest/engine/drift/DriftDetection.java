package io.backtest.engine.drift;

import java.util.Objects;

/**
 * A detector's alarm: live behaviour no longer looks like what the backtest promised.
 *
 * @param detector the detector's name, e.g. {@code CUSUM}, {@code drawdown}
 * @param statistic its statistic at the alarm (units per detector: see {@link #reason})
 * @param threshold the threshold the statistic crossed
 * @param bar the live bar of the alarm, 1-based, counted from the monitor's start
 * @param barsObserved bars the detector had observed since it (re)started
 * @param reason a human-readable sentence, e.g. {@code drift: CUSUM 61.2 > 50.2 after 340 bars}
 */
public record DriftDetection(
    String detector,
    double statistic,
    double threshold,
    long bar,
    long barsObserved,
    String reason) {

  public DriftDetection {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(reason, "reason");
  }
}

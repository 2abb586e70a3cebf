package io.backtest.monitoring.rest;

import java.time.Instant;

/**
 * A strategy's drift detectors.
 *
 * @param changeDetector the mean-shift detector ({@code CUSUM} or {@code Page-Hinkley}); null when
 *     the promise gives it nothing to test against
 * @param statistic its statistic after the latest tested bar, in standard deviations
 * @param threshold its alarm threshold
 * @param detection the detection that made the strategy {@code DRIFTED}; null while it has not
 */
public record DriftView(
    String changeDetector, Double statistic, Double threshold, Detection detection) {

  /**
   * A drift detection.
   *
   * @param detector {@code cusum}, {@code page-hinkley}, {@code drawdown}, {@code live-psr} or
   *     {@code trade-frequency}
   * @param statistic the detector's value when it fired
   * @param threshold the value it crossed
   * @param barTime open time of the bar it fired on
   * @param reason the detection in a sentence
   * @param detectedAt when
   */
  public record Detection(
      String detector,
      double statistic,
      double threshold,
      Instant barTime,
      String reason,
      Instant detectedAt) {}
}

package io.backtest.regime.rest;

import java.time.Instant;
import java.util.List;

/**
 * The detectors of one symbol and timeframe.
 *
 * @param timeframe bar length
 * @param barsObserved bars fed to the detectors so far (late and repeated bars are not fed)
 * @param lastBarTime open time of the most recent bar
 * @param detectors {@code volatility}, {@code trend} and {@code hmm}, in this order
 */
public record TimeframeRegimesView(
    String timeframe, long barsObserved, Instant lastBarTime, List<DetectorRegimeView> detectors) {}

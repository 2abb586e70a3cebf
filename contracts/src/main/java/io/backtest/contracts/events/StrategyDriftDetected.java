package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A live strategy stopped behaving as its backtest promised. strategy-service demotes it with
 * {@link #reason()}. Subject and Kafka key: the strategy id.
 *
 * @param strategyId the strategy
 * @param symbol the instrument it trades
 * @param timeframe its bar length
 * @param detector which test fired: {@code cusum}, {@code page-hinkley}, {@code drawdown}, {@code
 *     live-psr} or {@code trade-frequency}
 * @param statistic the test's value when it fired
 * @param threshold the value it crossed
 * @param window live bars observed since the strategy went live, the firing one included
 * @param barTime open time of the bar on which it fired
 * @param reason the detection in a sentence, e.g. "drift: Page-Hinkley 61.2 &gt; 50 after 340 bars"
 * @param detectedAt when
 */
public record StrategyDriftDetected(
    UUID strategyId,
    String symbol,
    String timeframe,
    String detector,
    double statistic,
    double threshold,
    long window,
    Instant barTime,
    String reason,
    Instant detectedAt) {
  public StrategyDriftDetected {
    Checks.present(strategyId, "strategyId");
    Checks.text(symbol, "symbol");
    Checks.text(timeframe, "timeframe");
    Checks.oneOf(
        detector, "detector", "cusum", "page-hinkley", "drawdown", "live-psr", "trade-frequency");
    Checks.finite(statistic, "statistic");
    Checks.finite(threshold, "threshold");
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1 but was " + window);
    }
    Checks.present(barTime, "barTime");
    Checks.text(reason, "reason");
    Checks.present(detectedAt, "detectedAt");
  }
}

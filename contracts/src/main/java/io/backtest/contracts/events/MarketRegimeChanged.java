package io.backtest.contracts.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A detector changed its verdict on a market's regime. Subject and Kafka key: the symbol.
 *
 * @param symbol instrument symbol
 * @param timeframe bar length of the series the detector watches, e.g. {@code 1m}, {@code 1d}
 * @param detector which detector: {@code volatility} (LOW / NORMAL / HIGH), {@code trend}
 *     (TRENDING_UP / TRENDING_DOWN / RANGING) or {@code hmm} (the hidden Markov model's state named
 *     by its volatility: LOW / NORMAL / HIGH, or LOW / HIGH with two states)
 * @param from the regime before the change; null for a detector's first verdict
 * @param to the regime after it
 * @param barTime open time of the bar that confirmed the change
 * @param barsObserved bars of this symbol and timeframe the detector had seen, this one included
 * @param statistics the figures behind the verdict, by name (e.g. {@code realisedVolatility},
 *     {@code upperThreshold}, {@code adx}, {@code probability})
 * @param reason the change in a sentence
 * @param changedAt when the service recorded it
 */
public record MarketRegimeChanged(
    String symbol,
    String timeframe,
    String detector,
    String from,
    String to,
    Instant barTime,
    long barsObserved,
    Map<String, Double> statistics,
    String reason,
    Instant changedAt) {
  public MarketRegimeChanged {
    Checks.text(symbol, "symbol");
    Checks.text(timeframe, "timeframe");
    Checks.oneOf(detector, "detector", "volatility", "trend", "hmm");
    Checks.text(to, "to");
    if (to.equals(from)) {
      throw new IllegalArgumentException("from and to are both " + to + ": not a change");
    }
    Checks.present(barTime, "barTime");
    if (barsObserved < 1) {
      throw new IllegalArgumentException("barsObserved must be >= 1 but was " + barsObserved);
    }
    statistics =
        Collections.unmodifiableMap(new TreeMap<>(Checks.present(statistics, "statistics")));
    statistics.forEach((name, value) -> Checks.finite(value, "statistics." + name));
    Checks.text(reason, "reason");
    Checks.present(changedAt, "changedAt");
  }
}

package io.backtest.strategy.service;

import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.strategy.config.ReevaluationConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * When a change of market regime calls for a new cycle, and what that cycle is: plain decisions,
 * without the database (which holds the live set and the last re-evaluation of each market).
 *
 * @param enabled whether regime changes start cycles at all
 * @param minInterval least time between two re-evaluations of one symbol and timeframe
 * @param candidates candidates of a re-evaluation cycle
 * @param detectors detectors whose changes count
 * @param templates templates of the candidates; empty for the cycles' default
 */
public record ReevaluationPolicy(
    boolean enabled,
    Duration minInterval,
    int candidates,
    List<String> detectors,
    List<String> templates) {

  public ReevaluationPolicy {
    if (minInterval == null || minInterval.isNegative()) {
      throw new IllegalArgumentException("minInterval must be >= 0 but was " + minInterval);
    }
    detectors = detectors.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList();
    templates = List.copyOf(templates);
  }

  /** The policy the configuration describes. */
  public static ReevaluationPolicy of(ReevaluationConfig config) {
    return new ReevaluationPolicy(
        config.enabled(),
        config.minInterval(),
        config.candidates(),
        config.detectors(),
        config.templates().orElse(List.of()));
  }

  /**
   * Why {@code change} starts no cycle whatever the live set and the last re-evaluation; null when
   * it may start one.
   */
  public String ignored(MarketRegimeChanged change) {
    if (!enabled) {
      return "re-evaluation is disabled (strategy.reevaluation.enabled)";
    }
    if (!detectors.contains(change.detector())) {
      return "detector " + change.detector() + " is not one of " + detectors;
    }
    if (change.from() == null) {
      return "the detector's first verdict is not a change";
    }
    return null;
  }

  /**
   * Whether a market last re-evaluated at {@code last} (null: never) may be re-evaluated at {@code
   * now}: when at least {@link #minInterval()} has passed.
   */
  public boolean due(Instant last, Instant now) {
    return last == null || !now.isBefore(last.plus(minInterval));
  }

  /**
   * The reason a re-evaluation cycle keeps, e.g. "re-evaluation: volatility NORMAL -> HIGH on AAPL
   * 1d".
   */
  public static String reason(MarketRegimeChanged change) {
    return "re-evaluation: "
        + change.detector()
        + " "
        + change.from()
        + " -> "
        + change.to()
        + " on "
        + change.symbol()
        + " "
        + change.timeframe();
  }

  /**
   * The seed of the cycle a change starts: the first 8 bytes of the SHA-256 of the change's market,
   * detector, regimes and bar time, so that the same change gives the same candidates on every
   * replica and redelivery.
   */
  public static long seed(MarketRegimeChanged change) {
    String key =
        String.join(
            "|",
            change.symbol(),
            change.timeframe(),
            change.detector(),
            String.valueOf(change.from()),
            change.to(),
            change.barTime().toString());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}

package io.backtest.gateway.ratelimit;

import java.util.Locale;

/**
 * What a request costs, for rate limiting: each user has one bucket per class.
 *
 * <ul>
 *   <li>{@link #READ}: every GET (and HEAD);
 *   <li>{@link #WRITE}: every other method, unless the operation is marked {@link HeavyJob};
 *   <li>{@link #HEAVY}: operations that start work the platform computes for a while (cycles,
 *       backtests, market replays, dataset uploads and synthetic series).
 * </ul>
 */
public enum OperationClass {
  READ,
  WRITE,
  HEAVY;

  /** The name used in Redis keys, headers and configuration. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

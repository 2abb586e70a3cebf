package io.backtest.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import java.time.Duration;
import java.util.Map;

/**
 * The gateway's settings: cache, rate limits and downstream budgets. (The Redis key prefix is the
 * platform-wide {@code backtest.key-prefix}, read where it is used: a mapping of the whole {@code
 * backtest} namespace would also have to map every other platform setting there.)
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

  /** The cycle progress stream ({@code GET /api/v1/cycles/{id}/events}). */
  CycleEvents cycleEvents();

  /** How the progress stream follows a cycle. */
  interface CycleEvents {
    /** How often the cycle is read while it runs; an event is sent when it changed. */
    @WithDefault("1s")
    Duration every();
  }

  /** Rate limits per user and operation class, in Redis (RateLimiter). */
  RateLimit rateLimit();

  /**
   * The token buckets of the rate limiter: one per user and operation class. The classes' limits
   * are set in application.properties ({@code gateway.rate-limit.<class>.burst} and {@code
   * .per-minute}).
   */
  interface RateLimit {
    /** Whether the public API is rate-limited at all. */
    @WithDefault("true")
    boolean enabled();

    /** Longest wait for Redis before a request goes through without a limit. */
    @WithDefault("500ms")
    Duration redisTimeout();

    /** Reads: GET and HEAD. */
    Limit read();

    /** Other methods, except heavy jobs. */
    Limit write();

    /** Heavy jobs: cycles, backtests, replays, datasets. */
    Limit heavy();
  }

  /** One class's bucket. */
  interface Limit {
    /** Requests a user may make in a burst: the bucket's capacity. */
    int burst();

    /** Requests a minute a user may keep up: the bucket's refill. */
    int perMinute();
  }

  /** The Redis cache of hot reads (ReadCache). */
  Cache cache();

  /** Budgets per downstream service, by its REST client config key (strategy, scoring, ...). */
  @WithDefaults
  Map<String, Budget> downstream();

  /**
   * The calls of strategy-service that compute while the caller waits: synchronous backtests and
   * dataset creation (a million-bar upload or synthetic series takes several seconds to check,
   * digest and store).
   */
  Backtests backtests();

  /**
   * The budget of {@code POST /api/v1/backtests}, {@code POST /api/v1/datasets} and {@code POST
   * /api/v1/datasets/synthetic}: their own timeout and circuit breaker (with the strategy service's
   * breaker settings), so that long work neither waits on nor counts against the budget of
   * strategy-service's quick calls.
   */
  interface Backtests {
    /**
     * Longest wait for a synchronous backtest or a dataset creation before the gateway answers 503.
     * The strategy REST client's read timeout ({@code quarkus.rest-client.strategy.read-timeout})
     * must stay above it, as the transport's backstop.
     */
    @WithDefault("60s")
    Duration timeout();
  }

  /**
   * The cache of hot reads. An entry is dropped by the events that change what it holds (see
   * CacheInvalidation); its TTL only bounds memory, or how old the figures may be that change with
   * every bar without an event.
   */
  interface Cache {
    /** Whether hot reads are cached at all. */
    @WithDefault("true")
    boolean enabled();

    /** Longest wait for Redis before the gateway answers without the cache. */
    @WithDefault("500ms")
    Duration redisTimeout();

    /**
     * COMPLETED leaderboard pages. Such a page never changes (scores, ranks and the cycle's
     * promotion decision are all final), so the TTL only bounds the memory it takes.
     */
    @WithDefault("1h")
    Duration leaderboardTtl();

    /**
     * The live set. strategy.promoted and strategy.demoted drop it (and the gateway's own promote,
     * demote and rollback, before they answer), so the TTL is only a backstop.
     */
    @WithDefault("10m")
    Duration liveSetTtl();

    /**
     * A symbol's current regimes. market.regime.changed drops them, so a verdict is never stale;
     * the bar counts and statistics that move with every bar are at most this old.
     */
    @WithDefault("5s")
    Duration regimesTtl();
  }

  /** Timeout and circuit breaker for the calls to one downstream service. */
  interface Budget {
    /**
     * Longest time the gateway waits for this service's answer before it gives up with a 503; kept
     * below the REST client's read timeout (10 s), which is only the transport's backstop.
     */
    @WithDefault("5s")
    Duration timeout();

    /** The circuit breaker that stops calling a failing service for a while. */
    CircuitBreaker circuitBreaker();
  }

  /** Circuit breaker settings (MicroProfile Fault Tolerance semantics). */
  interface CircuitBreaker {
    /** Number of most recent calls over which the failure ratio is computed. */
    @WithDefault("10")
    int requestVolume();

    /** Ratio of failed calls among those that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long an open breaker answers 503 at once before it lets a trial call through. */
    @WithDefault("10s")
    Duration delay();
  }
}

package io.backtest.gateway.ratelimit;

import io.backtest.gateway.cache.RedisScript;
import io.backtest.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Token buckets in Redis, one per user and {@link OperationClass}, taken by one Lua script ({@code
 * ratelimit/token-bucket.lua}) so that a take is atomic and every gateway replica draws from the
 * same bucket. A bucket holds up to {@code burst} tokens and refills at {@code per-minute} (Redis's
 * clock). Keys: {@code <backtest.key-prefix>ratelimit:<class>:<user>}, expiring once the bucket
 * would be full again.
 *
 * <p>When Redis does not answer within {@code gateway.rate-limit.redis-timeout}, the request goes
 * through unlimited (the failure is logged at most once a minute): the front door stays open while
 * its limiter is away.
 */
@ApplicationScoped
public class RateLimiter {
  static final RedisScript SCRIPT = RedisScript.load("ratelimit/token-bucket.lua");

  /** A take: allowed or not, and what the headers say. */
  public record Decision(
      OperationClass operationClass,
      boolean allowed,
      int limit,
      long remaining,
      Duration retryAfter,
      Duration untilFull,
      int perMinute) {}

  private final ReactiveRedisDataSource redis;
  private final GatewayConfig.RateLimit config;
  private final String keyPrefix;
  private final AtomicLong lastWarning = new AtomicLong();

  public RateLimiter(
      ReactiveRedisDataSource redis,
      GatewayConfig config,
      @ConfigProperty(name = "backtest.key-prefix") Optional<String> keyPrefix) {
    this.redis = redis;
    this.config = config.rateLimit();
    this.keyPrefix = keyPrefix.orElse("");
  }

  /** The Redis key of a user's bucket of one class. */
  public String key(OperationClass operationClass, String user) {
    return keyPrefix + "ratelimit:" + operationClass.label() + ":" + user;
  }

  /** The configured limit of a class. */
  private GatewayConfig.Limit limit(OperationClass operationClass) {
    return switch (operationClass) {
      case READ -> config.read();
      case WRITE -> config.write();
      case HEAVY -> config.heavy();
    };
  }

  /**
   * Takes one token from the user's bucket of {@code operationClass}.
   *
   * @return the decision; empty when Redis could not be asked (the request then goes through)
   */
  public Uni<Optional<Decision>> take(OperationClass operationClass, String user) {
    GatewayConfig.Limit limit = limit(operationClass);
    return SCRIPT
        .run(
            redis,
            List.of(key(operationClass, user)),
            List.of(Integer.toString(limit.burst()), Integer.toString(limit.perMinute())))
        .ifNoItem()
        .after(config.redisTimeout())
        .fail()
        .map(reply -> Optional.of(decision(operationClass, limit, reply)))
        .onFailure()
        .recoverWithItem(
            failure -> {
              warnAtMostOncePerMinute(failure);
              return Optional.empty();
            });
  }

  private static Decision decision(
      OperationClass operationClass, GatewayConfig.Limit limit, Response reply) {
    return new Decision(
        operationClass,
        reply.get(0).toInteger() == 1,
        limit.burst(),
        reply.get(1).toLong(),
        Duration.ofMillis(reply.get(2).toLong()),
        Duration.ofMillis(reply.get(3).toLong()),
        limit.perMinute());
  }

  private void warnAtMostOncePerMinute(Throwable failure) {
    long now = System.currentTimeMillis();
    long last = lastWarning.get();
    if (now - last >= 60_000 && lastWarning.compareAndSet(last, now)) {
      Log.warnf(
          "rate limiting is off while Redis does not answer (%s): requests go through unlimited",
          failure.toString());
    }
  }
}

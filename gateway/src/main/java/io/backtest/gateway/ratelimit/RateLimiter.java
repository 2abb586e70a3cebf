package io.backtest.gateway.ratelimit;

import io.backtest.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
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
  static final String SCRIPT_RESOURCE = "ratelimit/token-bucket.lua";

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
  private final String script;
  private final String sha;
  private final AtomicLong lastWarning = new AtomicLong();

  public RateLimiter(
      ReactiveRedisDataSource redis,
      GatewayConfig config,
      @ConfigProperty(name = "backtest.key-prefix") Optional<String> keyPrefix) {
    this.redis = redis;
    this.config = config.rateLimit();
    this.keyPrefix = keyPrefix.orElse("");
    this.script = script();
    this.sha = sha1(script);
  }

  /** The script's text, as Redis runs it. */
  public static String script() {
    try (InputStream in = RateLimiter.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT_RESOURCE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    String[] args = {
      "1",
      key(operationClass, user),
      Integer.toString(limit.burst()),
      Integer.toString(limit.perMinute())
    };
    return run("EVALSHA", sha, args)
        .onFailure(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT"))
        // first use on this Redis (or after a restart): EVAL loads the script
        .recoverWithUni(() -> run("EVAL", script, args))
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

  private Uni<Response> run(String command, String scriptOrSha, String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = scriptOrSha;
    System.arraycopy(args, 0, all, 1, args.length);
    return redis.execute(command, all);
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

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.backtest.gateway.cache;

import io.backtest.gateway.config.GatewayConfig;
import io.backtest.gateway.service.DownstreamReply;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hot reads kept in Redis, shared by every gateway replica, and dropped by the events that change
 * them.
 *
 * <p>A {@link Region} is what one event invalidates: the live set, one symbol's current regimes,
 * one cycle's leaderboard. It is a Redis hash of its entries (one per query, e.g. page and size)
 * next to a generation counter. A read takes the entry and the generation in one step; on a miss it
 * asks the service and stores the answer only if the generation has not moved meanwhile, so an
 * answer that may predate a change never enters the cache after the change's event dropped the
 * region. Both keys share a hash tag ({@code {region}}), so the scripts also run on a Redis
 * Cluster.
 *
 * <p>Redis trouble never fails a request: the read then goes to the service, and nothing is stored.
 */
@ApplicationScoped
public class ReadCache {
  private static final RedisScript READ = RedisScript.load("cache/read.lua");
  private static final RedisScript STORE = RedisScript.load("cache/store.lua");
  private static final RedisScript INVALIDATE = RedisScript.load("cache/invalidate.lua");

  /** How long a generation outlives its region's last invalidation: far longer than any read. */
  private static final Duration GENERATION_KEPT = Duration.ofDays(1);

  private final ReactiveRedisDataSource redis;
  private final GatewayConfig.Cache config;
  private final String keyPrefix;
  private final MeterRegistry meters;
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - 20_000_000_000L);
  private final AtomicLong unlogged = new AtomicLong();

  public ReadCache(
      ReactiveRedisDataSource redis,
      GatewayConfig config,
      @ConfigProperty(name = "backtest.key-prefix") Optional<String> keyPrefix,
      MeterRegistry meters) {
    this.redis = redis;
    this.config = config.cache();
    this.keyPrefix = keyPrefix.orElse("");
    this.meters = meters;
  }

  /**
   * What one event invalidates.
   *
   * @param kind the kind of read (metrics label): {@code live-set}, {@code regimes}, {@code
   *     leaderboard}
   * @param name the region's name in its keys
   * @param ttl how long its entries are kept at most
   */
  public record Region(String kind, String name, Duration ttl) {}

  /** The live set ({@code GET /api/v1/deployments}). */
  public Region liveSet() {
    return new Region("live-set", "live-set", config.liveSetTtl());
  }

  /**
   * A symbol's current regimes, every timeframe. The name is the symbol in upper case: a change of
   * {@code AAPL} also drops what was read as {@code aapl}, whichever way regime-service spells it.
   */
  public Region regimes(String symbol) {
    return new Region("regimes", "regimes:" + symbol.toUpperCase(Locale.ROOT), config.regimesTtl());
  }

  /** A cycle's leaderboard, every page. */
  public Region leaderboard(UUID cycleId) {
    return new Region("leaderboard", "leaderboard:" + cycleId, config.leaderboardTtl());
  }

  /** The Redis key of a region's entries: {@code <prefix>cache:{<name>}}. */
  public String entriesKey(Region region) {
    return keyPrefix + "cache:{" + region.name() + "}";
  }

  /** The Redis key of a region's generation. */
  public String generationKey(Region region) {
    return entriesKey(region) + ":generation";
  }

  /**
   * The entry {@code field} of {@code region}: from Redis when there, else from {@code fetch} (a
   * service's problem passes through as a failure), stored when {@code cacheable} says so.
   */
  public Uni<CachedRead> read(
      Region region,
      String field,
      Supplier<Uni<DownstreamReply>> fetch,
      Predicate<DownstreamReply> cacheable) {
    if (!config.enabled()) {
      return fetch.get().map(reply -> new CachedRead(reply.orThrow().text(), false));
    }
    return lookup(region, field)
        .flatMap(
            found -> {
              if (found.body() != null) {
                count(region, "hit");
                return Uni.createFrom().item(new CachedRead(found.body(), true));
              }
              count(region, "miss");
              return fetch
                  .get()
                  .map(DownstreamReply::orThrow)
                  .call(
                      reply ->
                          found.generation() != null && cacheable.test(reply)
                              ? store(region, field, found.generation(), reply.text())
                              : Uni.createFrom().voidItem())
                  .map(reply -> new CachedRead(reply.text(), false));
            });
  }

  /**
   * Drops {@code region}: the next read asks its service, and a read under way does not store its
   * answer. Never fails: a Redis failure is logged and answered with false (the entries then live
   * until their TTL).
   */
  public Uni<Boolean> invalidate(Region region) {
    return INVALIDATE
        .run(
            redis,
            List.of(entriesKey(region), generationKey(region)),
            List.of(Long.toString(GENERATION_KEPT.toMillis())))
        .ifNoItem()
        .after(config.redisTimeout())
        .fail()
        .map(
            deleted -> {
              meters.counter("gateway.cache.invalidations", "region", region.kind()).increment();
              Log.debugf(
                  "cache region %s invalidated (%s entries dropped)", region.name(), deleted);
              return true;
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              Log.warnf("cache region %s could not be invalidated: %s", region.name(), failure);
              return false;
            });
  }

  /** An entry (null on a miss) and the region's generation (null when Redis did not answer). */
  private record Lookup(String body, String generation) {}

  private Uni<Lookup> lookup(Region region, String field) {
    return READ.run(redis, List.of(entriesKey(region), generationKey(region)), List.of(field))
        .ifNoItem()
        .after(config.redisTimeout())
        .fail()
        .map(ReadCache::lookupOf)
        .onFailure()
        .recoverWithItem(
            failure -> {
              warnAtMostEvery10Seconds(
                  "cache read of %s failed, reading through: %s", region.name(), failure);
              return new Lookup(null, null);
            });
  }

  private static Lookup lookupOf(Response reply) {
    Response body = reply.get(0);
    return new Lookup(body == null ? null : body.toString(), reply.get(1).toString());
  }

  private Uni<Void> store(Region region, String field, String generation, String body) {
    return STORE
        .run(
            redis,
            List.of(entriesKey(region), generationKey(region)),
            List.of(field, generation, body, Long.toString(region.ttl().toMillis())))
        .ifNoItem()
        .after(config.redisTimeout())
        .fail()
        .invoke(
            stored -> {
              if (stored.toInteger() == 0) {
                Log.debugf("%s changed while it was read: the answer is not cached", region.name());
              }
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              warnAtMostEvery10Seconds("cache write of %s failed: %s", region.name(), failure);
              return null;
            })
        .replaceWithVoid();
  }

  /**
   * Logs a Redis failure of a read or a write, at most once every 10 s with the number left
   * unlogged since: when Redis is slow, every request fails alike, and a line (and stack) per
   * request would only add to the load.
   */
  private void warnAtMostEvery10Seconds(String format, String region, Throwable failure) {
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last < 10_000_000_000L || !lastWarning.compareAndSet(last, now)) {
      unlogged.incrementAndGet();
      return;
    }
    long skipped = unlogged.getAndSet(0);
    Log.warnf(
        format + (skipped > 0 ? " (and %d more since the last such line)" : ""),
        region,
        failure,
        skipped);
  }

  private void count(Region region, String result) {
    meters.counter("gateway.cache.reads", "region", region.kind(), "result", result).increment();
  }
}

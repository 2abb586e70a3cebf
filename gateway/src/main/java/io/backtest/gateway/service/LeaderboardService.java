package io.backtest.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.ScoringClient;
import io.backtest.gateway.config.GatewayConfig;
import io.backtest.support.http.PageRequest;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A cycle's ranking from scoring-service, with COMPLETED rankings cached in Redis for {@code
 * gateway.leaderboard-cache.ttl}, under keys prefixed with {@code backtest.key-prefix} (env {@code
 * BACKTEST_KEY_PREFIX}, empty by default). A COMPLETED ranking never changes: its scores and ranks
 * are final and its {@code promoted} flags record the cycle's promotion decision. Any other ranking
 * (SCORING, or SCORED and TIMED_OUT, whose flags are not final yet) is read from scoring-service
 * every time. Redis trouble never fails a request: the page is then read from scoring-service.
 */
@ApplicationScoped
public class LeaderboardService {
  /** The status of a ranking whose every member is final. */
  private static final String COMPLETED = "COMPLETED";

  private final Forwarder forwarder;
  private final ScoringClient scoring;
  private final ReactiveValueCommands<String, String> values;
  private final ObjectMapper json;
  private final String keyPrefix;
  private final Duration ttl;
  private final Duration redisTimeout;

  public LeaderboardService(
      Forwarder forwarder,
      @RestClient ScoringClient scoring,
      ReactiveRedisDataSource redis,
      ObjectMapper json,
      GatewayConfig config,
      @ConfigProperty(name = "backtest.key-prefix") Optional<String> keyPrefix) {
    this.forwarder = forwarder;
    this.scoring = scoring;
    this.values = redis.value(String.class);
    this.json = json;
    this.keyPrefix = keyPrefix.orElse("");
    this.ttl = config.leaderboardCache().ttl();
    this.redisTimeout = config.leaderboardCache().redisTimeout();
  }

  /** One page of a cycle's leaderboard, and whether it came from the cache. */
  public record LeaderboardPage(String json, boolean cached) {}

  public Uni<LeaderboardPage> findLeaderboard(UUID cycleId, PageRequest page) {
    String key = key(cycleId, page);
    return cached(key)
        .flatMap(
            hit ->
                hit != null
                    ? Uni.createFrom().item(new LeaderboardPage(hit, true))
                    : fetch(cycleId, page, key));
  }

  /** The Redis key of one page: {@code <prefix>leaderboard:<cycleId>:<page>:<size>}. */
  public String key(UUID cycleId, PageRequest page) {
    return keyPrefix + "leaderboard:" + cycleId + ":" + page.page() + ":" + page.size();
  }

  private Uni<LeaderboardPage> fetch(UUID cycleId, PageRequest page, String key) {
    return forwarder
        .exchange(
            Downstream.SCORING, () -> scoring.getLeaderboard(cycleId, page.page(), page.size()))
        .map(DownstreamReply::orThrow)
        .call(reply -> completed(reply) ? store(key, reply.text()) : Uni.createFrom().voidItem())
        .map(reply -> new LeaderboardPage(reply.text(), false));
  }

  private boolean completed(DownstreamReply reply) {
    try {
      return COMPLETED.equals(json.readTree(reply.body()).path("status").asText());
    } catch (IOException e) {
      Log.warnf("scoring-service answered a leaderboard that is not JSON: %s", reply);
      return false;
    }
  }

  private Uni<String> cached(String key) {
    return values
        .get(key)
        .ifNoItem()
        .after(redisTimeout)
        .fail()
        .onFailure()
        .recoverWithItem(
            failure -> {
              Log.warnf("leaderboard cache read of %s failed, reading through: %s", key, failure);
              return null;
            });
  }

  private Uni<Void> store(String key, String page) {
    return values
        .setex(key, ttl.toSeconds(), page)
        .ifNoItem()
        .after(redisTimeout)
        .fail()
        .onFailure()
        .recoverWithUni(
            failure -> {
              Log.warnf("leaderboard cache write of %s failed: %s", key, failure);
              return Uni.createFrom().voidItem();
            });
  }
}

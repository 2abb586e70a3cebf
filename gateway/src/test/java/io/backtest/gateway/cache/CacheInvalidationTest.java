package io.backtest.gateway.cache;

import static io.backtest.gateway.GatewayRequests.as;
import static io.backtest.gateway.GatewayRequests.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.gateway.Tokens;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.service.DownstreamReply;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.backtest.support.testing.TestKafka;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hot reads cached in the real Redis and dropped by the real Kafka events that change them: a
 * promotion is visible on the next read, whether it came as an event or through the API.
 */
@QuarkusTest
class CacheInvalidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEPLOYMENTS = "/api/v1/deployments";
  private static final String LIVE_ID = "9b2e0c4a-1d3f-4a5b-8c7d-6e5f4a3b2c1d";

  @InjectStubs DownstreamStubs stubs;

  @Inject ReadCache cache;

  @Inject RedisDataSource redis;

  @BeforeEach
  void liveSetOfOne() {
    stubs
        .strategy()
        .answer("GET", DEPLOYMENTS, Answer.json(200, Canned.json("strategy/deployments.json")));
    cache.invalidate(cache.liveSet()).await().indefinitely();
  }

  @Test
  void aPromotionEventMakesTheNextReadShowIt() throws Exception {
    readLiveSet("MISS").body("strategies.strategyId", contains(LIVE_ID));
    readLiveSet("HIT").body("strategies.strategyId", contains(LIVE_ID));
    int forwarded = liveSetReads();

    UUID promoted = UUID.randomUUID();
    stubs.strategy().answer("GET", DEPLOYMENTS, Answer.json(200, liveSetWith(promoted)));
    // strategy-service has committed the promotion; until its event arrives the cache holds
    readLiveSet("HIT").body("liveCount", equalTo(1));
    TestKafka.shared()
        .publish(
            EventCatalog.STRATEGY_PROMOTED,
            promoted.toString(),
            promotion(promoted),
            "promotion-" + promoted);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !redis.key().exists(cache.entriesKey(cache.liveSet())));

    readLiveSet("MISS")
        .body("liveCount", equalTo(2))
        .body("strategies.strategyId", contains(LIVE_ID, promoted.toString()));
    readLiveSet("HIT").body("liveCount", equalTo(2));
    assertThat(liveSetReads()).isEqualTo(forwarded + 1);
  }

  @Test
  void aPromotionThroughTheApiIsVisibleOnTheNextReadWithoutWaitingForItsEvent() throws Exception {
    readLiveSet("MISS");
    readLiveSet("HIT");
    UUID promoted = UUID.randomUUID();
    String path = "/api/v1/strategies/" + promoted + "/promote";
    stubs
        .strategy()
        .answer(
            "POST",
            path,
            Answer.json(
                200,
                Canned.json(
                    "strategy/live-strategy.json",
                    Map.of("id", promoted, "status", "PROMOTED", "reason", "desk review"))));
    stubs.strategy().answer("GET", DEPLOYMENTS, Answer.json(200, liveSetWith(promoted)));

    as(Tokens.admin(), "api-promotion-" + promoted)
        .contentType("application/json")
        .body("{\"reason\": \"desk review\"}")
        .post(path)
        .then()
        .statusCode(200);

    readLiveSet("MISS").body("strategies.strategyId", contains(LIVE_ID, promoted.toString()));
  }

  @Test
  void aRefusedPromotionLeavesTheCacheAlone() {
    readLiveSet("MISS");
    UUID strategy = UUID.randomUUID();
    String path = "/api/v1/strategies/" + strategy + "/promote";
    stubs
        .strategy()
        .answer("POST", path, Answer.problem(409, "Conflict", "the live set is at its cap"));

    as(Tokens.admin(), "refused-" + strategy)
        .contentType("application/json")
        .body("{\"reason\": \"desk review\"}")
        .post(path)
        .then()
        .statusCode(409);

    readLiveSet("HIT");
  }

  @Test
  void aRegimeChangeDropsTheSymbolsCurrentRegimes() {
    String symbol = "SYM" + Long.toString(System.nanoTime(), 36).toUpperCase();
    stubs
        .regime()
        .answer(
            "GET",
            "/api/v1/regimes/current",
            Answer.json(200, "{\"symbol\": \"" + symbol + "\", \"timeframes\": []}"));
    readRegimes(symbol, "MISS");
    readRegimes(symbol, "HIT");
    // another symbol's change leaves this one's answers alone
    TestKafka.shared()
        .publish(
            EventCatalog.MARKET_REGIME_CHANGED,
            "OTHER",
            regimeChange("OTHER"),
            "regime-other-" + symbol);

    TestKafka.shared()
        .publish(
            EventCatalog.MARKET_REGIME_CHANGED, symbol, regimeChange(symbol), "regime-" + symbol);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !redis.key().exists(cache.entriesKey(cache.regimes(symbol))));

    readRegimes(symbol, "MISS");
    readRegimes(symbol.toLowerCase(), "MISS"); // its own entry, in the same region
    readRegimes(symbol, "HIT");
  }

  @Test
  void aMalformedRecordGoesToTheDeadLetterTopicAndStillDropsTheLiveSet() {
    readLiveSet("MISS");
    readLiveSet("HIT");
    String key = UUID.randomUUID().toString();
    TestKafka kafka = TestKafka.shared();

    kafka.publishRaw(
        kafka.topic("strategy.promoted"),
        key,
        "{\"strategyId\": 42",
        TestKafka.cloudEventHeaders(EventCatalog.STRATEGY_PROMOTED, key, "malformed-" + key));

    var dead =
        kafka.await(
            kafka.topic("strategy.promoted.dlq"),
            r -> key.equals(r.key()),
            1,
            Duration.ofSeconds(30));
    String reason = TestKafka.header(dead.getFirst(), "dead-letter-reason");
    assertThat(reason).isNotBlank();
    assertThat(dead.getFirst().value()).isEqualTo("{\"strategyId\": 42");
    assertThat(TestKafka.header(dead.getFirst(), CloudEventAttributes.HEADER_CORRELATION_ID))
        .isEqualTo("malformed-" + key);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !redis.key().exists(cache.entriesKey(cache.liveSet())));
    readLiveSet("MISS");
  }

  /**
   * A read that began before a change and answers after the change's event dropped the region (its
   * answer may be from before the change) is not stored: the next read asks again.
   */
  @Test
  void aReadBegunBeforeAChangeDoesNotStoreItsAnswer() {
    ReadCache.Region region = cache.leaderboard(UUID.randomUUID());

    CachedRead raced =
        cache
            .read(
                region,
                "0:20",
                () -> cache.invalidate(region).map(dropped -> reply("{\"before\": true}")),
                reply -> true)
            .await()
            .indefinitely();

    assertThat(raced).isEqualTo(new CachedRead("{\"before\": true}", false));
    assertThat(redis.key().exists(cache.entriesKey(region))).isFalse();
    CachedRead after = read(region, "{\"after\": true}");
    assertThat(after.hit()).isFalse();
    assertThat(read(region, "{\"unused\": true}"))
        .isEqualTo(new CachedRead("{\"after\": true}", true));
  }

  private CachedRead read(ReadCache.Region region, String answer) {
    return cache
        .read(region, "0:20", () -> Uni.createFrom().item(reply(answer)), reply -> true)
        .await()
        .indefinitely();
  }

  private static DownstreamReply reply(String json) {
    return new DownstreamReply(
        Downstream.SCORING, 200, "application/json", null, json.getBytes(StandardCharsets.UTF_8));
  }

  private static io.restassured.response.ValidatableResponse readLiveSet(String cache) {
    return asViewer("live-set-" + UUID.randomUUID())
        .get(DEPLOYMENTS)
        .then()
        .statusCode(200)
        .header(CachedRead.X_CACHE, cache);
  }

  private static void readRegimes(String symbol, String cache) {
    asViewer("regimes-" + UUID.randomUUID())
        .queryParam("symbol", symbol)
        .get("/api/v1/regimes/current")
        .then()
        .statusCode(200)
        .header(CachedRead.X_CACHE, cache);
  }

  private int liveSetReads() {
    return stubs.strategy().requests("GET", DEPLOYMENTS).size();
  }

  /** strategy-service's live set after {@code promoted} joined the canned one. */
  private static String liveSetWith(UUID promoted) throws Exception {
    ObjectNode set = (ObjectNode) JSON.readTree(Canned.json("strategy/deployments.json"));
    ArrayNode strategies = (ArrayNode) set.get("strategies");
    ObjectNode joined = strategies.get(0).deepCopy();
    joined.put("strategyId", promoted.toString());
    joined.put("rank", 2);
    strategies.add(joined);
    set.put("liveCount", 2);
    return JSON.writeValueAsString(set);
  }

  private static StrategyPromoted promotion(UUID strategyId) {
    return new StrategyPromoted(
        strategyId,
        UUID.randomUUID(),
        new DatasetRef("syn-trend-7", "SYN", "1d", 252),
        new StrategyDefinition("sma-crossover", Map.of("fast", 10, "slow", 50)),
        new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, 10_000),
        new Provenance("ab".repeat(32), 42, "0.1.0"),
        new BacktestMetrics(
            0.42, 0.11, 1.6, 1.9, 0.18, 310, 0.61, 0.21, 17, 0.59, null, 412.5, null, 412.5, 0.63,
            0.2, 5.4, 2516),
        new ExpectedPerformance(0.11, 0.16, 1.6, 0.18, 0.0004, 0.01, 252, 1, 6.8, 0.96),
        0.87,
        2,
        2,
        35,
        "promoted: rank 2, passed every gate",
        Instant.now());
  }

  private static MarketRegimeChanged regimeChange(String symbol) {
    Instant now = Instant.now();
    return new MarketRegimeChanged(
        symbol,
        "1d",
        "volatility",
        "NORMAL",
        "HIGH",
        now,
        300,
        Map.of("realisedVolatility", 0.0158, "upperThreshold", 0.0093),
        "volatility NORMAL -> HIGH",
        now);
  }
}

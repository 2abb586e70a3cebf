package io.backtest.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits through the gateway, with the real Redis and Keycloak and tiny buckets that do not
 * refill during a test (one token a minute): each test uses a user and class of its own.
 */
@QuarkusTest
@TestProfile(RateLimitTest.TinyBuckets.class)
class RateLimitTest {
  /** Three reads, two writes and one heavy job per user, then one more of each a minute. */
  public static class TinyBuckets implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "gateway.rate-limit.read.burst", "3",
          "gateway.rate-limit.read.per-minute", "1",
          "gateway.rate-limit.write.burst", "2",
          "gateway.rate-limit.write.per-minute", "1",
          "gateway.rate-limit.heavy.burst", "1",
          "gateway.rate-limit.heavy.per-minute", "1");
    }
  }

  @InjectStubs DownstreamStubs stubs;
  @Inject RedisDataSource redis;
  @Inject RateLimiter limiter;

  @BeforeEach
  void templatesAnswer() {
    stubs.templatesAnswer();
  }

  private static Response templates(String token, String correlationId) {
    return given()
        .auth()
        .oauth2(token)
        .header("X-Correlation-Id", correlationId)
        .get("/api/v1/templates");
  }

  private static Response postEmpty(String token, String path) {
    return given().auth().oauth2(token).contentType("application/json").body("{}").post(path);
  }

  @Test
  void readsBeyondTheBurstAreRefusedWithRetryAfterAndTheBucketInTheHeaders() {
    String token = Tokens.viewer();
    for (int left = 2; left >= 0; left--) {
      templates(token, "read-" + left)
          .then()
          .statusCode(200)
          .header("RateLimit-Limit", "3")
          .header("RateLimit-Remaining", String.valueOf(left))
          .header("RateLimit-Policy", "1;w=60;burst=3;name=\"read\"");
    }

    Response refused = templates(token, "read-refused");
    refused
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("RateLimit-Remaining", "0")
        .header("X-Correlation-Id", "read-refused")
        .body("status", equalTo(429))
        .body("title", equalTo("Too Many Requests"))
        .body("detail", startsWith("rate limit of read operations reached: 1 a minute"))
        .body("instance", equalTo("/api/v1/templates"))
        .body("correlationId", equalTo("read-refused"));
    // a token a minute: the next one is a minute away at most, and at least most of one
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(50L, 60L);
    assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isBetween(170L, 180L);
    // the refused request never reached strategy-service
    assertThat(stubs.strategy().requestsWithCorrelationId("read-refused")).isEmpty();
  }

  @Test
  void heavyJobsWritesAndReadsHaveABucketEach() {
    String token = Tokens.operator();
    // one backtest (whatever strategy-service makes of it), then the heavy bucket is empty
    Response first = postEmpty(token, "/api/v1/backtests");
    assertThat(first.statusCode()).isNotEqualTo(429);
    assertThat(first.header("RateLimit-Policy")).isEqualTo("1;w=60;burst=1;name=\"heavy\"");
    postEmpty(token, "/api/v1/backtests")
        .then()
        .statusCode(429)
        .body("detail", startsWith("rate limit of heavy operations reached"));

    // the same user still reads, and still writes
    templates(token, "operator-read").then().statusCode(200).header("RateLimit-Remaining", "2");
    Response write =
        postEmpty(token, "/api/v1/market/replay/00000000-0000-0000-0000-000000000001/stop");
    assertThat(write.statusCode()).isNotEqualTo(429);
    assertThat(write.header("RateLimit-Policy")).isEqualTo("1;w=60;burst=2;name=\"write\"");
  }

  @Test
  void theBucketIsInRedisSoEveryReplicaDrawsFromIt() {
    String token = Tokens.admin();
    templates(token, "admin-1").then().statusCode(200).header("RateLimit-Remaining", "2");
    String key = limiter.key(OperationClass.READ, "user:admin");
    assertThat(redis.key().exists(key)).as("the admin's read bucket %s", key).isTrue();

    // another gateway replica takes the two tokens left, through Redis alone
    for (int i = 0; i < 2; i++) {
      io.vertx.mutiny.redis.client.Response taken =
          redis.execute("EVAL", RateLimiter.SCRIPT.text(), "1", key, "3", "1");
      assertThat(taken.get(0).toInteger()).as("replica's take %d", i).isEqualTo(1);
    }

    templates(token, "admin-refused").then().statusCode(429).header("RateLimit-Remaining", "0");
  }

  @Test
  void aRequestWithoutATokenIsUnauthorizedWithoutTakingAToken() {
    for (int i = 0; i < 5; i++) {
      given().get("/api/v1/templates").then().statusCode(401);
    }
    assertThat(redis.key().keys(limiter.key(OperationClass.READ, "address:") + "*")).isEmpty();
  }
}

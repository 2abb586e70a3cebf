package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A JSON body over the limit is refused before it is read, and never forwarded. */
@QuarkusTest
class BodyLimitTest {
  @InjectStubs DownstreamStubs stubs;

  /** A JSON object of about {@code bytes} bytes. */
  private static String jsonOf(int bytes) {
    return "{\"datasetId\": \"" + "x".repeat(bytes - 20) + "\"}";
  }

  @Test
  void aJsonBodyOverOneMebibyteIsContentTooLarge() {
    String body = jsonOf(2 * 1024 * 1024);
    given()
        .auth()
        .oauth2(Tokens.operator())
        .header("X-Correlation-Id", "too-large-1")
        .contentType("application/json")
        .body(body)
        .post("/api/v1/cycles")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("status", equalTo(413))
        .body("title", equalTo("Content Too Large"))
        .body(
            "detail",
            equalTo(
                "a JSON body of " + body.length() + " bytes is over the limit of 1048576 bytes"))
        .body("errors[0].field", equalTo("Content-Length"))
        .body("correlationId", equalTo("too-large-1"));
    assertThat(stubs.strategy().requestsWithCorrelationId("too-large-1")).isEmpty();
  }

  @Test
  void aJsonBodyUnderTheLimitIsRead() {
    // read and checked: whatever the answer (the body is not a valid cycle), it is not 413
    int status =
        given()
            .auth()
            .oauth2(Tokens.operator())
            .contentType("application/json")
            .body(jsonOf(512 * 1024))
            .post("/api/v1/cycles")
            .statusCode();
    assertThat(status).isNotEqualTo(413).isLessThan(500);
  }
}

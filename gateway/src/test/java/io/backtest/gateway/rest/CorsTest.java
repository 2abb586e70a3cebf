package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cross-origin calls from the frontend's configured origin, and from any other. */
@QuarkusTest
@TestProfile(FrontendOrigin.class)
class CorsTest {
  @InjectStubs DownstreamStubs stubs;

  @BeforeEach
  void templatesAnswer() {
    stubs.templatesAnswer();
  }

  private static Response preflight(String origin, String method) {
    return given()
        .header("Origin", origin)
        .header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", "authorization,content-type,x-correlation-id")
        .options("/api/v1/cycles");
  }

  @Test
  void theFrontendsOriginMayCallWithItsTokenAndReadTheHeadersItNeeds() {
    Response preflight = preflight(FrontendOrigin.ORIGIN, "POST");
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(FrontendOrigin.ORIGIN);
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
        .contains("authorization", "content-type", "x-correlation-id");

    Response get =
        given()
            .header("Origin", FrontendOrigin.ORIGIN)
            .auth()
            .oauth2(Tokens.viewer())
            .get("/api/v1/templates");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo(FrontendOrigin.ORIGIN);
    assertThat(
            Arrays.stream(get.header("Access-Control-Expose-Headers").split(","))
                .map(String::trim)
                .toList())
        .contains("X-Correlation-Id", "Retry-After", "RateLimit-Remaining", "Location");
  }

  @Test
  void anyOtherOriginIsRefused() {
    Response preflight = preflight("https://evil.example.net", "POST");
    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

    Response get =
        given()
            .header("Origin", "https://evil.example.net")
            .auth()
            .oauth2(Tokens.viewer())
            .get("/api/v1/templates");
    assertThat(get.statusCode()).isEqualTo(403);
    assertThat(get.header("Access-Control-Allow-Origin")).isNull();
  }
}

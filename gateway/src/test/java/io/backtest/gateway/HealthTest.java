package io.backtest.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The gateway is ready only when Redis is, and exposes metrics and docs without a token. */
@QuarkusTest
class HealthTest {

  @Test
  void readyWhenRedisIsUp() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("Redis connection health check"));
  }

  @Test
  void metricsDocsAndSwaggerUiAreOpen() {
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
    given().get("/q/swagger-ui/").then().statusCode(200);
    given().get("/q/health").then().statusCode(200);
  }
}

package io.backtest.support.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/**
 * What every event-driven service answers on its management endpoints. A module runs these with
 * {@code @QuarkusTest class HealthTest extends ServiceHealthChecks {}}.
 */
public abstract class ServiceHealthChecks {

  @Test
  void readyWhenDatabaseAndBrokerAreUp() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body(
            "checks.name",
            hasItems(
                "Reactive PostgreSQL connections health check",
                "SmallRye Reactive Messaging - readiness check"));
  }

  @Test
  void liveAndStarted() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void exposesPrometheusMetricsAndOpenApi() {
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("openapi", org.hamcrest.Matchers.startsWith("3."));
  }
}

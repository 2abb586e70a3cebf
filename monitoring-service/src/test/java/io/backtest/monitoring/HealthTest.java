package io.backtest.monitoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service is ready only when its database and broker are, and exposes metrics and docs. */
@QuarkusTest
class HealthTest {

  @Test
  void readyWhenDatabaseAndBrokerAreUp() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("Database connections health check"));
  }

  @Test
  void exposesPrometheusMetricsAndOpenApi() {
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
  }
}

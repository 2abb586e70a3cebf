package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad strategy queries get a problem naming the parameter. */
@QuarkusTest
class StrategyResourceTest {

  @Test
  void unknownStatusIsABadRequestNamingStatus() {
    given()
        .queryParam("status", "DEAD")
        .get("/api/v1/strategies")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("status"))
        .body("errors[0].reason", containsString("LIVE"));
  }

  @Test
  void statusIsCaseInsensitive() {
    given().queryParam("status", "retired").get("/api/v1/strategies").then().statusCode(200);
  }

  @Test
  void malformedCycleIdIsABadRequestNamingCycleId() {
    given()
        .queryParam("cycleId", "42")
        .get("/api/v1/strategies")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cycleId"));
  }

  @Test
  void strategyIdsAreValidatedAndLookedUp() {
    given()
        .get("/api/v1/strategies/xyz")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("id"));
    UUID id = UUID.randomUUID();
    given()
        .get("/api/v1/strategies/{id}", id)
        .then()
        .statusCode(404)
        .body("detail", equalTo("Strategy " + id + " does not exist"));
  }

  @Test
  void unknownCycleFilterGivesAnEmptyPage() {
    given()
        .queryParam("cycleId", UUID.randomUUID().toString())
        .get("/api/v1/strategies")
        .then()
        .statusCode(200)
        .body("total", equalTo(0))
        .body("items.size()", equalTo(0));
  }
}

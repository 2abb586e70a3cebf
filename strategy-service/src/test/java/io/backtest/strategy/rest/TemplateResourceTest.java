package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TemplateResourceTest {

  @Test
  void smaCrossoverIsListedWithItsGridAnd445Combinations() {
    // slow ∈ {10, 20, ..., 200}, fast ∈ {2, 4, ..., 50}, fast < slow: slow 10 allows 4 fast
    // values, 20 → 9, 30 → 14, 40 → 19, 50 → 24, and each of the 15 values from 60 up all 25:
    // 4 + 9 + 14 + 19 + 24 + 15 · 25 = 445.
    given()
        .get("/api/v1/templates")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].id", equalTo("sma-crossover"))
        .body("items[0].description", not(emptyString()))
        .body("items[0].parameters.name", contains("fast", "slow"))
        .body("items[0].parameters[0].min", equalTo(2))
        .body("items[0].parameters[0].max", equalTo(50))
        .body("items[0].parameters[0].step", equalTo(2))
        .body("items[0].parameters[1].min", equalTo(10))
        .body("items[0].parameters[1].max", equalTo(200))
        .body("items[0].parameters[1].step", equalTo(10))
        .body("items[0].constraints", contains("fast < slow"))
        .body("items[0].combinations", equalTo(445));
  }
}

package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TemplateResourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String body() {
    return given()
        .get("/api/v1/templates")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .asString();
  }

  @Test
  void everyBuiltInTemplateIsListedInRegistrationOrder() {
    JsonPath listing = new JsonPath(body());
    assertThat(listing.getList("items.id"))
        .containsExactly(
            "buy-and-hold",
            "sma-crossover",
            "ema-crossover",
            "rsi-reversion",
            "bollinger-reversion",
            "bollinger-breakout",
            "macd",
            "donchian-breakout",
            "momentum");
    // Counted by hand in the README's template table: e.g. macd, fast 6..20 step 2 (8 values),
    // slow 20..40 step 4 (6), signal 5..13 step 2 (5), fast < slow drops fast 20 with slow 20:
    // (8 · 6 − 1) · 5 = 235; donchian-breakout, exit <= entry: 2 + 3 + ... + 9 + 11 · 10 = 154.
    assertThat(listing.getList("items.gridSize"))
        .containsExactly(1, 445, 445, 637, 234, 234, 235, 154, 120);
    for (int i = 0; i < 9; i++) {
      assertThat(listing.getString("items[" + i + "].description")).isNotBlank();
      assertThat(listing.getList("items[" + i + "].parameters.type"))
          .allMatch(t -> t.equals("int") || t.equals("decimal"));
    }
  }

  @Test
  void smaCrossoverShowsItsSpaceExactly() throws Exception {
    // slow ∈ {10, 20, ..., 200}, fast ∈ {2, 4, ..., 50}, fast < slow: slow 10 allows 4 fast
    // values, 20 → 9, 30 → 14, 40 → 19, 50 → 24, and each of the 15 values from 60 up all 25:
    // 4 + 9 + 14 + 19 + 24 + 15 · 25 = 445.
    JsonNode sma = null;
    for (JsonNode t : JSON.readTree(body()).get("items")) {
      if (t.get("id").asText().equals("sma-crossover")) {
        sma = t;
      }
    }
    assertThat(sma).isNotNull();
    assertThat(sma.get("gridSize").intValue()).isEqualTo(445);
    // Compared as JSON trees: 20 (an integer node) is not 20.0, 0.25 is not 0.25000000000000001.
    assertThat(sma.get("parameters"))
        .isEqualTo(
            JSON.readTree(
                """
                [{"name": "fast", "type": "int", "min": 2, "max": 50, "step": 2, "optional": false},
                 {"name": "slow", "type": "int", "min": 10, "max": 200, "step": 10,
                  "optional": false},
                 {"name": "stopLossPct", "type": "decimal", "min": 0.5, "max": 20, "step": 0.5,
                  "optional": true},
                 {"name": "takeProfitPct", "type": "decimal", "min": 0.5, "max": 50, "step": 0.5,
                  "optional": true},
                 {"name": "stopLossAtr", "type": "decimal", "min": 0.5, "max": 10, "step": 0.25,
                  "optional": true},
                 {"name": "takeProfitAtr", "type": "decimal", "min": 0.5, "max": 20, "step": 0.25,
                  "optional": true},
                 {"name": "atrPeriod", "type": "int", "min": 2, "max": 100, "step": 1,
                  "optional": true}]"""));
    assertThat(sma.get("constraints"))
        .isEqualTo(
            JSON.readTree(
                """
                ["fast < slow",
                 "at most one stop-loss: stopLossPct or stopLossAtr",
                 "at most one take-profit: takeProfitPct or takeProfitAtr",
                 "atrPeriod only with stopLossAtr or takeProfitAtr"]"""));
  }
}

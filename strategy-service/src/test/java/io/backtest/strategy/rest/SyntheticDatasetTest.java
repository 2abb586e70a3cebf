package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.backtest.strategy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Synthetic datasets: deterministic, idempotent, with their true regimes. */
@QuarkusTest
class SyntheticDatasetTest {

  private static ValidatableResponse post(String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/datasets/synthetic")
        .then();
  }

  @Test
  void gbmDatasetIsStoredOnceAndTheSameRequestAnswersIt() {
    String body = "{\"bars\":5000,\"seed\":7,\"model\":\"gbm\",\"symbol\":\"GBM7\"}";
    JsonPath first = post(body).statusCode(201).extract().jsonPath();
    String id = first.getString("dataset.id");
    assertThat(id).startsWith("synthetic-");
    assertThat(first.getInt("dataset.barCount")).isEqualTo(5000);
    assertThat(first.getString("dataset.timeframe")).isEqualTo("1m");
    assertThat(first.getString("dataset.from")).isEqualTo("2020-01-01T00:00:00Z");
    // 4999 minutes later
    assertThat(first.getString("dataset.to"))
        .isEqualTo(Instant.parse("2020-01-01T00:00:00Z").plus(Duration.ofMinutes(4999)).toString());
    assertThat(first.getDouble("dataset.barsPerYear")).isEqualTo(525_600.0);
    assertThat(first.getList("regimes")).isEmpty();
    long count = Fixtures.queryLong("select count(*) from dataset");

    JsonPath again = post(body).statusCode(200).extract().jsonPath();
    assertThat(again.getString("dataset.id")).isEqualTo(id);
    assertThat(again.getString("dataset.sha256")).isEqualTo(first.getString("dataset.sha256"));
    assertThat(Fixtures.queryLong("select count(*) from dataset")).isEqualTo(count);

    String other =
        post("{\"bars\":5000,\"seed\":8,\"model\":\"gbm\",\"symbol\":\"GBM7\"}")
            .statusCode(201)
            .extract()
            .path("dataset.sha256");
    assertThat(other).isNotEqualTo(first.getString("dataset.sha256"));

    given().get("/api/v1/datasets/" + id + "/regimes").then().statusCode(404);
    given()
        .queryParam("size", 1)
        .get("/api/v1/datasets/" + id + "/bars")
        .then()
        .statusCode(200)
        .body("total", equalTo(5000))
        .body("items[0].open", equalTo(100.0f));
  }

  @Test
  void regimeSwitchingDatasetReturnsItsRunLengthEncodedRegimes() {
    String body =
        """
        {"bars": 20000, "seed": 11, "model": "regime-switching", "symbol": "RS",
         "timeframe": "5m", "start": "2024-01-01T00:00:00Z", "startPrice": 50,
         "regimes": [
           {"name": "calm", "drift": 0.0, "volatility": 0.0005, "meanDuration": 1000},
           {"name": "storm", "drift": -0.0001, "volatility": 0.003, "meanDuration": 400}]}""";
    JsonPath created = post(body).statusCode(201).extract().jsonPath();
    String id = created.getString("dataset.id");
    List<Map<String, Object>> runs = created.getList("regimes");

    assertThat(runs).hasSizeGreaterThan(2);
    assertThat(runs.getFirst())
        .containsEntry("regime", "calm")
        .containsEntry("fromIndex", 0)
        .containsEntry("fromTime", "2024-01-01T00:00:00Z");
    assertThat(runs.getLast()).containsEntry("toIndex", 19_999);
    for (int i = 1; i < runs.size(); i++) {
      int from = (Integer) runs.get(i).get("fromIndex");
      assertThat(from).isEqualTo((Integer) runs.get(i - 1).get("toIndex") + 1);
      assertThat(runs.get(i).get("fromTime"))
          .isEqualTo(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(300L * from).toString());
    }
    assertThat(created.getString("dataset.source"))
        .contains("regime-switching", "seed 11", "calm", "storm");

    List<Map<String, Object>> stored =
        given()
            .get("/api/v1/datasets/" + id + "/regimes")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    assertThat(stored).isEqualTo(runs);
    post(body).statusCode(200).body("regimes.size()", equalTo(runs.size()));
  }

  @Test
  void defaultRegimesAreTheDocumentedThree() {
    post("{\"bars\":30000,\"seed\":1,\"model\":\"regime-switching\"}")
        .statusCode(201)
        .body("regimes[0].regime", equalTo("bull-quiet"))
        .body(
            "regimes.regime.toSet()",
            containsInAnyOrder("bull-quiet", "bear-volatile", "sideways"));
  }

  @Test
  void invalidFieldsAreUnprocessableEachNamed() {
    long before = Fixtures.queryLong("select count(*) from dataset");
    post("{\"bars\":1,\"model\":\"brownian\"}")
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.field", contains("model", "bars", "seed"));
    post("{\"bars\":10,\"seed\":1,\"model\":\"gbm\",\"volatility\":-1,\"regimes\":[]}")
        .statusCode(422)
        .body("errors.field", contains("regimes", "volatility"));
    post("""
            {"bars":10,"seed":1,"model":"regime-switching","drift":0.1,
             "regimes":[{"name":"a","drift":0,"volatility":0.01,"meanDuration":0.5},
                        {"name":"a","drift":0,"volatility":0.01}]}""")
        .statusCode(422)
        .body(
            "errors.field",
            contains("drift", "regimes[0]", "regimes[1].name", "regimes[1].meanDuration"))
        .body("errors[1].reason", startsWith("regime a: meanDuration must be >= 1"));
    post("{\"bars\":2000000,\"seed\":1,\"model\":\"gbm\"}")
        .statusCode(422)
        .body("errors[0].reason", equalTo("must be between 2 and 1000000 but was 2000000"));
    given()
        .contentType(ContentType.JSON)
        .post("/api/v1/datasets/synthetic")
        .then()
        .statusCode(400)
        .body("errors.field", contains("body"));
    assertThat(Fixtures.queryLong("select count(*) from dataset")).isEqualTo(before);
  }

  @Test
  void regimesOfAnUnknownOrRealDatasetAreNotFound() {
    given().get("/api/v1/datasets/nope/regimes").then().statusCode(404);
    given()
        .get("/api/v1/datasets/aapl-1d-2013/regimes")
        .then()
        .statusCode(404)
        .body("detail", startsWith("Dataset aapl-1d-2013 has no regime labels"))
        .body("errors", empty());
  }
}

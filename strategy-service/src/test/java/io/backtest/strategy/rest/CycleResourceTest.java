package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.backtest.strategy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Starting and reading cycles: what a client gets for good and for bad requests. */
@QuarkusTest
class CycleResourceTest {

  private static ValidatableResponse post(String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/cycles")
        .then()
        .contentType("application/problem+json");
  }

  @Test
  void candidatesOutsideOneToThousandAreUnprocessable() {
    for (int n : new int[] {0, -3, 1001}) {
      post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":" + n + "}")
          .statusCode(422)
          .body("errors", hasSize(1))
          .body("errors[0].field", equalTo("candidates"))
          .body("errors[0].reason", equalTo("must be between 1 and 1000 but was " + n));
    }
  }

  @Test
  void moreCandidatesThanTheTemplateHasParameterSetsIsUnprocessable() {
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":446,\"template\":\"sma-crossover\"}")
        .statusCode(422)
        .body("errors[0].field", equalTo("candidates"))
        .body(
            "errors[0].reason",
            equalTo(
                "446 requested but template sma-crossover has only 445 distinct parameter sets"));
  }

  @Test
  void missingCandidatesAndDatasetAreNamed() {
    post("{}")
        .statusCode(422)
        .body("errors.field", org.hamcrest.Matchers.contains("candidates", "datasetId"))
        .body("errors[0].reason", equalTo("is required"));
  }

  @Test
  void unknownDatasetIsUnprocessableNamingDatasetId() {
    post("{\"datasetId\":\"msft-1d-2013\",\"candidates\":5}")
        .statusCode(422)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("datasetId"))
        .body("errors[0].reason", equalTo("dataset msft-1d-2013 does not exist"));
  }

  @Test
  void unknownTemplateIsUnprocessableNamingTemplate() {
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":5,\"template\":\"rsi\"}")
        .statusCode(422)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("template"))
        .body("errors[0].reason", allOf(containsString("'rsi'"), containsString("sma-crossover")));
  }

  @Test
  void malformedJsonIsABadRequest() {
    post("{\"datasetId\":").statusCode(400).body("errors[0].field", equalTo("body"));
  }

  @Test
  void missingBodyIsABadRequest() {
    given()
        .contentType(ContentType.JSON)
        .post("/api/v1/cycles")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("body"));
  }

  @Test
  void wronglyTypedFieldsAreBadRequestsNamingTheField() {
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":\"many\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("candidates"));
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":5.5}")
        .statusCode(400)
        .body("errors[0].field", equalTo("candidates"));
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":5,\"seed\":\"x\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("seed"));
  }

  @Test
  void seedIsDrawnWhenAbsentAndAlwaysShown() {
    String id =
        given()
            .contentType(ContentType.JSON)
            .body("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":1}")
            .post("/api/v1/cycles")
            .then()
            .statusCode(202)
            .extract()
            .path("cycleId");
    JsonPath cycle =
        given().get("/api/v1/cycles/{id}", id).then().statusCode(200).extract().jsonPath();
    assertThat(cycle.getString("template")).isEqualTo("sma-crossover");
    assertThat(cycle.getString("datasetId")).isEqualTo("aapl-1d-2013");
    assertThat(cycle.getString("status")).isIn("RUNNING", "COMPLETED", "FAILED");
    assertThat(cycle.getString("correlationId")).isNotBlank();
    assertThat(cycle.getInt("counts.candidates")).isEqualTo(1);
    assertThat(cycle.get("seed") instanceof Number).isTrue();
  }

  @Test
  void cyclesAreListedNewestFirst() {
    UUID older = Fixtures.startCycle(1, 7, "corr-list-1");
    UUID newer = Fixtures.startCycle(1, 8, "corr-list-2");
    List<String> ids =
        given()
            .queryParam("size", 100)
            .get("/api/v1/cycles")
            .then()
            .statusCode(200)
            .body("page", equalTo(0))
            .body("size", equalTo(100))
            .extract()
            .jsonPath()
            .getList("items.id", String.class);
    assertThat(ids).containsSubsequence(newer.toString(), older.toString());
  }

  @Test
  void cycleIdThatIsNotAUuidIsABadRequestNamingIt() {
    given()
        .get("/api/v1/cycles/not-a-uuid")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("id"))
        .body("errors[0].reason", containsString("UUID"));
  }

  @Test
  void unknownCycleIsNotFound() {
    UUID id = UUID.randomUUID();
    given()
        .get("/api/v1/cycles/{id}", id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Cycle " + id + " does not exist"));
  }

  @Test
  void pagingParametersAreValidated() {
    given()
        .queryParam("page", -1)
        .get("/api/v1/cycles")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("page"));
    given()
        .queryParam("size", 0)
        .get("/api/v1/cycles")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("size"));
    given()
        .queryParam("size", "ten")
        .get("/api/v1/cycles")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("size"));
  }
}

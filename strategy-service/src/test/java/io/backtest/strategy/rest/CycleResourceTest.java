package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.engine.regime.RegimeLabels;
import io.backtest.strategy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
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
                "requested 446 candidates but templates [sma-crossover] hold only 445 distinct"
                    + " parameter sets"));
  }

  @Test
  void everyInvalidFieldIsNamedAndNothingIsStored() {
    long cyclesBefore = Fixtures.queryLong("select count(*) from cycle");
    long strategiesBefore = Fixtures.queryLong("select count(*) from strategy");
    post("""
            {"datasetId": "aapl-1d-2013", "candidates": 10,
             "templates": ["sma-crossover", "x", "sma-crossover"],
             "generation": "sobol",
             "walkForward": {"windows": "sliding", "inSampleBars": 1, "outOfSampleBars": 20,
                             "stepBars": 10, "search": "bayes", "points": 501,
                             "objective": "profit"},
             "costs": {"feeBps": -1, "slippageBps": 10000},
             "execution": {"fill": "vwap", "direction": "short-only", "positionFraction": 1.5,
                           "capital": 0}}
            """)
        .statusCode(422)
        .body(
            "errors.field",
            org.hamcrest.Matchers.contains(
                "templates[1]",
                "templates[2]",
                "generation",
                "costs.feeBps",
                "costs.slippageBps",
                "execution.fill",
                "execution.direction",
                "execution.positionFraction",
                "execution.capital",
                "walkForward.windows",
                "walkForward.inSampleBars",
                "walkForward.stepBars",
                "walkForward.search",
                "walkForward.points",
                "walkForward.objective"))
        .body(
            "errors[0].reason",
            allOf(containsString("unknown template 'x'; known: "), containsString("macd")))
        .body("errors[1].reason", equalTo("'sma-crossover' is listed twice"))
        .body("errors[2].reason", equalTo("unknown generation 'sobol'; known: random, grid"))
        .body(
            "errors[11].reason",
            equalTo(
                "must be at least outOfSampleBars (20) so out-of-sample windows do not overlap,"
                    + " but was 10"))
        .body("detail", containsString("templates[1]: unknown template 'x'"));
    assertThat(Fixtures.queryLong("select count(*) from cycle")).isEqualTo(cyclesBefore);
    assertThat(Fixtures.queryLong("select count(*) from strategy")).isEqualTo(strategiesBefore);
  }

  @Test
  void walkForwardThatDoesNotFitTheDatasetIsUnprocessable() {
    long before = Fixtures.queryLong("select count(*) from cycle");
    post("""
            {"datasetId": "aapl-1d-2013", "candidates": 2,
             "walkForward": {"inSampleBars": 200, "outOfSampleBars": 60}}
            """)
        .statusCode(422)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("walkForward"))
        .body(
            "errors[0].reason",
            equalTo(
                "needs at least inSampleBars + outOfSampleBars = 260 bars for one fold but"
                    + " dataset aapl-1d-2013 has 252"));
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":2,\"walkForward\":{}}")
        .statusCode(422)
        .body(
            "errors.field",
            org.hamcrest.Matchers.contains(
                "walkForward.inSampleBars", "walkForward.outOfSampleBars"))
        .body("errors[0].reason", equalTo("is required"));
    assertThat(Fixtures.queryLong("select count(*) from cycle")).isEqualTo(before);
  }

  @Test
  void templatesAndItsAliasTogetherAreABadRequest() {
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":2,\"template\":\"macd\","
            + "\"templates\":[\"macd\"]}")
        .statusCode(400)
        .body("errors[0].field", equalTo("template"));
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":2,\"templates\":[]}")
        .statusCode(422)
        .body("errors[0].field", equalTo("templates"));
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":2,\"templates\":\"macd\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("templates"));
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":2,"
            + "\"walkForward\":{\"inSampleBars\":\"many\"}}")
        .statusCode(400)
        .body("errors[0].field", equalTo("walkForward.inSampleBars"));
  }

  @Test
  void theRequestIsStoredWithItsDefaultsAndShown() {
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(
                """
                {"datasetId": "aapl-1d-2013", "candidates": 4, "seed": 11,
                 "templates": ["ema-crossover", "momentum"], "generation": "grid",
                 "walkForward": {"windows": "anchored", "inSampleBars": 100,
                                 "outOfSampleBars": 50, "search": "random", "points": 8,
                                 "objective": "sortino"},
                 "costs": {"feeBps": 2.5},
                 "execution": {"direction": "long-short", "positionFraction": 0.5,
                               "capital": 50000}}
                """)
            .post("/api/v1/cycles")
            .then()
            .statusCode(202)
            .extract()
            .path("cycleId");
    JsonPath cycle =
        given().get("/api/v1/cycles/{id}", id).then().statusCode(200).extract().jsonPath();
    assertThat(cycle.getList("templates", String.class))
        .containsExactly("ema-crossover", "momentum");
    assertThat(cycle.getString("generation")).isEqualTo("grid");
    assertThat(cycle.getLong("seed")).isEqualTo(11);
    assertThat(cycle.getMap("walkForward"))
        .containsEntry("windows", "anchored")
        .containsEntry("inSampleBars", 100)
        .containsEntry("outOfSampleBars", 50)
        .containsEntry("stepBars", 50)
        .containsEntry("search", "random")
        .containsEntry("points", 8)
        .containsEntry("objective", "sortino");
    assertThat(cycle.getDouble("costs.feeBps")).isEqualTo(2.5);
    assertThat(cycle.getDouble("costs.slippageBps")).isEqualTo(5.0);
    assertThat(cycle.getString("execution.fill")).isEqualTo("next-open");
    assertThat(cycle.getString("execution.direction")).isEqualTo("long-short");
    assertThat(cycle.getDouble("execution.positionFraction")).isEqualTo(0.5);
    assertThat(cycle.getDouble("execution.capital")).isEqualTo(50_000.0);
  }

  @Test
  void sameRequestAndSeedGiveTheSameCandidatesInTheSameOrder() {
    String body =
        """
        {"datasetId": "aapl-1d-2013", "candidates": 9, "seed": 424242,
         "templates": ["sma-crossover", "macd", "rsi-reversion"]}
        """;
    List<List<String>> runs = new java.util.ArrayList<>();
    for (int k = 0; k < 2; k++) {
      UUID cycleId =
          UUID.fromString(
              given()
                  .contentType(ContentType.JSON)
                  .body(body)
                  .post("/api/v1/cycles")
                  .then()
                  .statusCode(202)
                  .extract()
                  .path("cycleId"));
      var started =
          Fixtures.kafka()
              .awaitEvents(
                  io.backtest.contracts.EventCatalog.CYCLE_STARTED,
                  e -> e.data().cycleId().equals(cycleId),
                  1,
                  Fixtures.WAIT)
              .getFirst()
              .data();
      assertThat(started.templates()).containsExactly("sma-crossover", "macd", "rsi-reversion");
      List<String> candidates = new java.util.ArrayList<>();
      for (UUID strategyId : started.strategyIds()) {
        JsonPath s =
            given()
                .get("/api/v1/strategies/{id}", strategyId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        candidates.add(s.getString("template") + " " + s.getMap("parameters"));
      }
      runs.add(candidates);
    }
    assertThat(runs.get(0)).hasSize(9).doesNotHaveDuplicates();
    assertThat(runs.get(1)).containsExactlyElementsOf(runs.get(0));
    // three templates, three candidates each, template by template
    assertThat(runs.get(0).stream().map(c -> c.substring(0, c.indexOf(' '))).toList())
        .containsExactly(
            "sma-crossover",
            "sma-crossover",
            "sma-crossover",
            "macd",
            "macd",
            "macd",
            "rsi-reversion",
            "rsi-reversion",
            "rsi-reversion");
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
    assertThat(cycle.getList("templates", String.class)).containsExactly("sma-crossover");
    assertThat(cycle.getString("generation")).isEqualTo("random");
    assertThat(cycle.getString("walkForward")).isNull();
    assertThat(cycle.getDouble("costs.feeBps")).isEqualTo(10.0);
    assertThat(cycle.getDouble("costs.slippageBps")).isEqualTo(5.0);
    assertThat(cycle.getString("execution.fill")).isEqualTo("next-open");
    assertThat(cycle.getString("execution.direction")).isEqualTo("long-only");
    assertThat(cycle.getDouble("execution.positionFraction")).isEqualTo(1.0);
    assertThat(cycle.getDouble("execution.capital")).isEqualTo(10_000.0);
    assertThat(cycle.getString("scoring")).isNull();
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

  @Test
  void cycleStartedCarriesTheDatasetsRegimeRunsAsRegimeLabelsGivesThem() {
    // 1,500 daily bars switching between calm and stormy regimes: both detectors label some
    String datasetId =
        given()
            .contentType(ContentType.JSON)
            .body(
                """
                {"bars": 1500, "seed": 23, "model": "regime-switching", "symbol": "RGM",
                 "timeframe": "1d", "start": "2015-01-01T00:00:00Z",
                 "regimes": [
                   {"name": "calm", "drift": 0.0003, "volatility": 0.006, "meanDuration": 200},
                   {"name": "storm", "drift": -0.0005, "volatility": 0.03, "meanDuration": 150}]}
                """)
            .post("/api/v1/datasets/synthetic")
            .then()
            .statusCode(201)
            .extract()
            .path("dataset.id");
    UUID cycleId =
        UUID.fromString(
            given()
                .contentType(ContentType.JSON)
                .body("{\"datasetId\": \"" + datasetId + "\", \"candidates\": 1, \"seed\": 3}")
                .post("/api/v1/cycles")
                .then()
                .statusCode(202)
                .extract()
                .path("cycleId"));

    List<RegimeRun> runs =
        Fixtures.kafka()
            .awaitEvents(
                EventCatalog.CYCLE_STARTED,
                e -> e.data().cycleId().equals(cycleId),
                1,
                Fixtures.WAIT)
            .getFirst()
            .data()
            .regimes();

    List<RegimeRun> expected = RegimeLabels.label(Fixtures.storedBars(datasetId));
    assertThat(runs).isEqualTo(expected);
    assertThat(runs.stream().map(RegimeRun::detector).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(RegimeRun.VOLATILITY, RegimeRun.TREND);
    // each detector's runs reach the last bar
    assertThat(runs.stream().filter(r -> r.toIndex() == 1500)).hasSize(2);
  }

  @Test
  void aCycleWhoseBarsCannotBeLabelledStartsWithoutRegimeRuns() {
    String datasetId =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"bars\": 400, \"seed\": 29, \"model\": \"gbm\", \"symbol\": \"NOLBL\", \"timeframe\": \"1d\"}")
            .post("/api/v1/datasets/synthetic")
            .then()
            .statusCode(201)
            .extract()
            .path("dataset.id");
    // the stored bars no longer match the dataset's digest: they cannot be read, nor labelled
    Fixtures.execute("update dataset set sha256 = ? where id = ?", "0".repeat(64), datasetId);

    UUID cycleId =
        UUID.fromString(
            given()
                .contentType(ContentType.JSON)
                .body("{\"datasetId\": \"" + datasetId + "\", \"candidates\": 1, \"seed\": 4}")
                .post("/api/v1/cycles")
                .then()
                .statusCode(202)
                .extract()
                .path("cycleId"));
    var started =
        Fixtures.kafka()
            .awaitEvents(
                EventCatalog.CYCLE_STARTED,
                e -> e.data().cycleId().equals(cycleId),
                1,
                Fixtures.WAIT)
            .getFirst()
            .data();
    assertThat(started.regimes()).isEmpty();
    assertThat(started.strategyIds()).hasSize(1);
  }

  @Test
  void scoringWeightsAreStoredShownAndAnnouncedWithTheCycle() {
    UUID cycleId =
        UUID.fromString(
            given()
                .contentType(ContentType.JSON)
                .body(
                    """
                    {"datasetId": "aapl-1d-2013", "candidates": 1, "seed": 5,
                     "scoring": {"deflatedSharpe": 0.7, "sharpe": 0.1, "consistency": 0,
                                 "drawdown": 0.2}}
                    """)
                .post("/api/v1/cycles")
                .then()
                .statusCode(202)
                .extract()
                .path("cycleId"));
    JsonPath cycle =
        given().get("/api/v1/cycles/{id}", cycleId).then().statusCode(200).extract().jsonPath();
    assertThat(cycle.getDouble("scoring.deflatedSharpe")).isEqualTo(0.7, within(1e-6));
    assertThat(cycle.getDouble("scoring.consistency")).isZero();
    var started =
        Fixtures.kafka()
            .awaitEvents(
                EventCatalog.CYCLE_STARTED,
                e -> e.data().cycleId().equals(cycleId),
                1,
                Fixtures.WAIT)
            .getFirst()
            .data();
    assertThat(started.scoring()).isEqualTo(new ScoringWeights(0.7, 0.1, 0, 0.2));

    UUID plain = Fixtures.startCycle(1, 6, "corr-no-scoring");
    var plainStarted =
        Fixtures.kafka()
            .awaitEvents(
                EventCatalog.CYCLE_STARTED, e -> e.data().cycleId().equals(plain), 1, Fixtures.WAIT)
            .getFirst()
            .data();
    assertThat(plainStarted.scoring()).isNull();
  }

  @Test
  void invalidScoringWeightsAreNamedAndNothingIsStored() {
    long before = Fixtures.queryLong("select count(*) from cycle");
    post("""
            {"datasetId": "aapl-1d-2013", "candidates": 1,
             "scoring": {"deflatedSharpe": -0.5, "sharpe": 1, "drawdown": 0}}
            """)
        .statusCode(422)
        .body(
            "errors.field",
            org.hamcrest.Matchers.contains("scoring.deflatedSharpe", "scoring.consistency"))
        .body("errors[0].reason", equalTo("must be a finite number of at least 0 but was -0.5"))
        .body("errors[1].reason", equalTo("is required"));
    post("""
            {"datasetId": "aapl-1d-2013", "candidates": 1,
             "scoring": {"deflatedSharpe": 0, "sharpe": 0, "consistency": 0, "drawdown": 0}}
            """)
        .statusCode(422)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("scoring"))
        .body("errors[0].reason", equalTo("at least one weight must be greater than 0"));
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":1,\"scoring\":{\"sharpe\":\"high\"}}")
        .statusCode(400)
        .body("errors[0].field", equalTo("scoring.sharpe"));
    post("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":1,\"scoring\":[1,2]}")
        .statusCode(400)
        .body("errors[0].field", equalTo("scoring"));
    assertThat(Fixtures.queryLong("select count(*) from cycle")).isEqualTo(before);
  }
}

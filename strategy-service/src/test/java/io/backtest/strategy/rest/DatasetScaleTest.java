package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Large datasets store and load in seconds: a 100,000-row CSV upload and a 1,000,000-bar synthetic
 * dataset, each read back through the bars API (the first read decodes and verifies the content).
 */
@QuarkusTest
class DatasetScaleTest {
  /** Generous for a shared, loaded two-core machine; observed times are logged. */
  private static final long BUDGET_MILLIS = 60_000;

  @Test
  void hundredThousandRowUploadStoresAndLoadsFast() {
    SyntheticBars.Generated g =
        SyntheticBars.gbm(
            new SyntheticBars.Frame(
                100_000, 99, Instant.parse("2021-01-01T00:00:00Z"), Duration.ofMinutes(1), 100),
            0,
            0.001);
    StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
    for (OhlcvBar b : g.bars()) {
      csv.append(b.time().getEpochSecond())
          .append(',')
          .append(b.open())
          .append(',')
          .append(b.high())
          .append(',')
          .append(b.low())
          .append(',')
          .append(b.close())
          .append(',')
          .append(b.volume())
          .append('\n');
    }
    String name = "scale-upload-" + System.nanoTime();
    long start = System.nanoTime();
    given()
        .contentType("text/csv")
        .queryParam("name", name)
        .queryParam("symbol", "SCALE")
        .queryParam("timeframe", "1m")
        .body(csv.toString())
        .post("/api/v1/datasets")
        .then()
        .statusCode(201)
        .body("barCount", equalTo(100_000));
    long stored = millisSince(start);
    start = System.nanoTime();
    lastPage(name, 100_000);
    long loaded = millisSince(start);
    Log.infof(
        "100,000-row upload (%d bytes): stored in %d ms, loaded in %d ms",
        csv.length(), stored, loaded);
    assertThat(stored + loaded).isLessThan(BUDGET_MILLIS);
  }

  @Test
  void millionBarSyntheticDatasetStoresAndLoadsFast() {
    long start = System.nanoTime();
    String id =
        given()
            .contentType(ContentType.JSON)
            .body("{\"bars\":1000000,\"seed\":2024,\"model\":\"regime-switching\"}")
            .post("/api/v1/datasets/synthetic")
            .then()
            .statusCode(201)
            .body("dataset.barCount", equalTo(1_000_000))
            .extract()
            .path("dataset.id");
    long stored = millisSince(start);
    start = System.nanoTime();
    lastPage(id, 1_000_000);
    long loaded = millisSince(start);
    Log.infof("1,000,000-bar synthetic dataset: stored in %d ms, loaded in %d ms", stored, loaded);
    assertThat(stored + loaded).isLessThan(BUDGET_MILLIS);
  }

  private static void lastPage(String id, int total) {
    given()
        .queryParam("page", total / 100 - 1)
        .queryParam("size", 100)
        .get("/api/v1/datasets/" + id + "/bars")
        .then()
        .statusCode(200)
        .body("total", equalTo(total))
        .body("items[99].seq", equalTo(total - 1));
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}

package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled AAPL dataset as registered at start-up, through the API. */
@QuarkusTest
class DatasetResourceTest {
  private static final String FILE = "appleinc_bars_from_20130101_usd.csv";

  @Test
  void bundledAaplDatasetIsListed() {
    given()
        .get("/api/v1/datasets")
        .then()
        .statusCode(200)
        .body("page", equalTo(0))
        .body("size", equalTo(20))
        .body("items.id", hasItem("aapl-1d-2013"));
  }

  @Test
  void aaplDatasetHas252DailyBarsOf2013AndTheDigestOfTheFile() throws Exception {
    JsonPath d =
        given().get("/api/v1/datasets/aapl-1d-2013").then().statusCode(200).extract().jsonPath();
    assertThat(d.getString("symbol")).isEqualTo("AAPL");
    assertThat(d.getString("timeframe")).isEqualTo("1d");
    assertThat(d.getInt("barCount")).isEqualTo(252);
    assertThat(d.getString("from")).isEqualTo("2013-01-02T00:00:00Z");
    assertThat(d.getString("to")).isEqualTo("2013-12-31T00:00:00Z");
    assertThat(d.getDouble("barsPerYear")).isEqualTo(252.0);
    assertThat(d.getString("source")).contains("ta4j-examples").contains(FILE);
    assertThat(d.getString("sha256")).isEqualTo(digestOfTheFile());
  }

  @Test
  void firstBarHasTheValuesOfTheFilesFirstRow() {
    // 2013-01-02,553.82,555.00,541.63,549.03,20018500
    given()
        .queryParam("size", 1)
        .get("/api/v1/datasets/aapl-1d-2013/bars")
        .then()
        .statusCode(200)
        .body("total", equalTo(252))
        .body("items[0].seq", equalTo(0))
        .body("items[0].time", equalTo("2013-01-02T00:00:00Z"))
        .body("items[0].open", equalTo(553.82f))
        .body("items[0].high", equalTo(555.0f))
        .body("items[0].low", equalTo(541.63f))
        .body("items[0].close", equalTo(549.03f))
        .body("items[0].volume", equalTo(20018500.0f));
  }

  @Test
  void barsArePagedInTimeOrder() {
    JsonPath last =
        given()
            .queryParam("page", 2)
            .queryParam("size", 100)
            .get("/api/v1/datasets/aapl-1d-2013/bars")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Integer> seqs = last.getList("items.seq", Integer.class);
    assertThat(seqs).hasSize(52).first().isEqualTo(200);
    assertThat(seqs).last().isEqualTo(251);
    assertThat(last.getString("items[51].time")).isEqualTo("2013-12-31T00:00:00Z");
  }

  @Test
  void bundledEthAndBtcDatasetsArePresentWithTheirCounts() {
    given()
        .get("/api/v1/datasets")
        .then()
        .statusCode(200)
        .body("items.id", hasItem("eth-5m-2023"))
        .body("items.id", hasItem("btc-1m-2013"));

    JsonPath eth =
        given().get("/api/v1/datasets/eth-5m-2023").then().statusCode(200).extract().jsonPath();
    assertThat(eth.getInt("barCount")).isEqualTo(580);
    assertThat(eth.getString("timeframe")).isEqualTo("5m");
    assertThat(eth.getString("from")).isEqualTo("2023-03-13T18:00:00Z");
    assertThat(eth.getString("to")).isEqualTo("2023-03-15T18:15:00Z");
    assertThat(eth.getDouble("barsPerYear")).isEqualTo(365.0 * 288);

    JsonPath btc =
        given().get("/api/v1/datasets/btc-1m-2013").then().statusCode(200).extract().jsonPath();
    assertThat(btc.getInt("barCount")).isEqualTo(9_399);
    assertThat(btc.getString("timeframe")).isEqualTo("1m");
    assertThat(btc.getString("from")).isEqualTo("2013-11-25T00:00:00Z");
    assertThat(btc.getString("to")).isEqualTo("2013-12-01T16:02:00Z");
    assertThat(btc.getDouble("barsPerYear")).isEqualTo(525_600.0);

    // the file's first 11 trades, 1385337600..1385337657
    given()
        .queryParam("size", 1)
        .get("/api/v1/datasets/btc-1m-2013/bars")
        .then()
        .statusCode(200)
        .body("items[0].open", equalTo(800.01f))
        .body("items[0].high", equalTo(807.47f))
        .body("items[0].low", equalTo(800.01f))
        .body("items[0].close", equalTo(807.47f));
  }

  @Test
  void unknownDatasetIsNotFound() {
    given()
        .get("/api/v1/datasets/nope")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Dataset nope does not exist"));
    given().get("/api/v1/datasets/nope/bars").then().statusCode(404);
  }

  @Test
  void invalidPagingIsABadRequestNamingTheParameter() {
    given()
        .queryParam("size", 101)
        .get("/api/v1/datasets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("size"));
    given()
        .queryParam("page", "first")
        .get("/api/v1/datasets/aapl-1d-2013/bars")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("page"));
  }

  @Test
  void pageBeyondEveryRowIsEmpty() {
    for (String path : new String[] {"/api/v1/datasets", "/api/v1/datasets/aapl-1d-2013/bars"}) {
      given()
          .queryParam("page", Integer.MAX_VALUE)
          .queryParam("size", 100)
          .get(path)
          .then()
          .statusCode(200)
          .body("page", equalTo(Integer.MAX_VALUE))
          .body("items", empty());
    }
  }

  /**
   * The canonical digest computed here without the service's code: the file's rows as {@code
   * epochSecond,open,high,low,close,volume} lines with Java's {@code Double.toString}.
   */
  private static String digestOfTheFile() throws Exception {
    StringBuilder canonical = new StringBuilder();
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.readLine(); // header
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        canonical
            .append(LocalDate.parse(f[0]).atStartOfDay(ZoneOffset.UTC).toEpochSecond())
            .append(',');
        for (int i = 1; i <= 5; i++) {
          canonical.append(Double.parseDouble(f[i])).append(i < 5 ? ',' : '\n');
        }
      }
    }
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}

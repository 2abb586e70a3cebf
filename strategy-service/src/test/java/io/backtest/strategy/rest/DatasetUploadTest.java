package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.strategy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.LogConfig;
import io.restassured.response.ValidatableResponse;
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** CSV uploads: what is stored, and that every rejected upload names its row and stores nothing. */
@QuarkusTest
class DatasetUploadTest {
  private static final String HEADER = "time,open,high,low,close,volume\n";

  // Monday to Wednesday, daily: ISO date-time, epoch seconds (2024-01-02T00:00:00Z) and a date
  private static final String THREE_DAYS =
      HEADER
          + "2024-01-01T00:00:00Z,10,11,9.5,10.5,1000\n"
          + "1704153600,10.5,12,10,11.75,1500\n"
          + "2024-01-03,11.75,11.8,11,11.2,900\n";

  private static String name() {
    return "up-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static ValidatableResponse upload(String name, String csv) {
    return given()
        .contentType("text/csv")
        .queryParam("name", name)
        .queryParam("symbol", "TEST")
        .queryParam("timeframe", "1d")
        .body(csv)
        .post("/api/v1/datasets")
        .then();
  }

  private static long datasets() {
    return Fixtures.queryLong("select count(*) from dataset");
  }

  @Test
  void uploadedBarsAreStoredAndReadBack() {
    String name = name();
    upload(name, THREE_DAYS)
        .statusCode(201)
        .header("Location", endsWith("/api/v1/datasets/" + name))
        .body("id", equalTo(name))
        .body("symbol", equalTo("TEST"))
        .body("barCount", equalTo(3))
        .body("from", equalTo("2024-01-01T00:00:00Z"))
        .body("to", equalTo("2024-01-03T00:00:00Z"))
        // daily bars on weekdays only
        .body("barsPerYear", equalTo(252.0f));

    given()
        .get("/api/v1/datasets/" + name)
        .then()
        .statusCode(200)
        .body("source", equalTo("uploaded CSV (" + THREE_DAYS.length() + " bytes)"));
    given()
        .get("/api/v1/datasets/" + name + "/bars")
        .then()
        .statusCode(200)
        .body("total", equalTo(3))
        .body("items[1].time", equalTo("2024-01-02T00:00:00Z"))
        .body("items[1].high", equalTo(12.0f))
        .body("items[1].close", equalTo(11.75f))
        .body("items[2].volume", equalTo(900.0f));
  }

  @Test
  void sameUploadAgainIsTheSameDatasetAndOtherBarsUnderTheNameAConflict() {
    String name = name();
    upload(name, THREE_DAYS).statusCode(201);
    long before = datasets();

    upload(name, THREE_DAYS).statusCode(200).body("id", equalTo(name));
    upload(name, THREE_DAYS.replace("1000\n", "1001\n"))
        .statusCode(409)
        .contentType("application/problem+json");
    assertThat(datasets()).isEqualTo(before);
  }

  @Test
  void barsPerYearCanBeGiven() {
    String name = name();
    given()
        .contentType("text/csv")
        .queryParam("name", name)
        .queryParam("symbol", "TEST")
        .queryParam("timeframe", "1d")
        .queryParam("barsPerYear", "365")
        .body(THREE_DAYS)
        .post("/api/v1/datasets")
        .then()
        .statusCode(201)
        .body("barsPerYear", equalTo(365.0f));
  }

  @Test
  void everyInvalidRowIsUnprocessableNamingRowAndReasonAndNothingIsStored() {
    String[][] cases = {
      {
        HEADER + "2024-01-02,1,2,1,2,1\n2024-01-01,1,2,1,2,1\n",
        "line 3 (row 2): time 2024-01-01T00:00:00Z is not after the previous row's"
            + " 2024-01-02T00:00:00Z (rows must be in strictly increasing time order)"
      },
      {
        HEADER + "2024-01-01,1,2,1,2,1\n2024-01-01,1,2,1,2,1\n",
        "line 3 (row 2): time 2024-01-01T00:00:00Z is not after the previous row's"
            + " 2024-01-01T00:00:00Z (duplicate time)"
      },
      {
        HEADER + "2024-01-01,1,2,1,2,1\n2024-01-02,0,2,1,2,1\n",
        "line 3 (row 2): column 'open' must be > 0 but was 0.0"
      },
      {
        HEADER + "2024-01-01,1,2,1,2,1\n2024-01-02,1,2,-1,2,1\n",
        "line 3 (row 2): column 'low' must be > 0 but was -1.0"
      },
      {
        HEADER + "2024-01-01,1,2,1,2,1\n2024-01-02,1,NaN,1,2,1\n",
        "line 3 (row 2): column 'high' value 'NaN' is not a number"
      },
      {
        HEADER + "2024-01-01,1,2,1,2,1\n2024-01-02,1,1e400,1,2,1\n",
        "line 3 (row 2): column 'high' value '1e400' is out of range"
      },
      {
        HEADER + "2024-01-01,1,2,1,2,1\n2024-01-02,1,1.5,1,2,1\n",
        "line 3 (row 2): high 1.5 is below max(open, close) 2.0"
      },
      {
        HEADER + "2024-01-01,1,2,1,2,1\n2024-01-02,1.5,2,1.4,1.3,1\n",
        "line 3 (row 2): low 1.4 is above min(open, close) 1.3"
      },
      {HEADER + "2024-01-01,1,2,1,2,1\n", "has 1 rows but a dataset needs at least 2"},
      {"date,open,high,low,close\n", "line 1: missing column 'volume'; expected the header"},
    };
    long before = datasets();
    for (String[] c : cases) {
      String name = name();
      upload(name, c[0])
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors.field", contains("body"))
          .body("errors[0].reason", org.hamcrest.Matchers.startsWith(c[1]))
          .body("detail", org.hamcrest.Matchers.startsWith("body: " + c[1]));
      given().get("/api/v1/datasets/" + name).then().statusCode(404);
    }
    assertThat(datasets()).isEqualTo(before);
  }

  @Test
  void missingOrMalformedParametersAreBadRequestsNamingEach() {
    long before = datasets();
    given()
        .contentType("text/csv")
        .queryParam("name", "-bad")
        .queryParam("timeframe", "fortnight")
        .body(THREE_DAYS)
        .post("/api/v1/datasets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("name", "symbol", "timeframe"));
    assertThat(datasets()).isEqualTo(before);
  }

  @Test
  void moreRowsThanTheLimitAreRefusedSayingTheLimit() {
    // 1,000,001 one-minute rows of at most 19 bytes: under the byte limit, over the row limit
    StringBuilder csv = new StringBuilder(HEADER.length() + 1_000_001 * 19);
    csv.append(HEADER);
    for (long i = 0; i <= 1_000_000; i++) {
      csv.append(60 * i).append(",1,1,1,1,1\n");
    }
    long before = datasets();
    given()
        // no request logging on failure: printing a 19 MB body exhausts the test JVM's heap
        .config(RestAssured.config().logConfig(LogConfig.logConfig()))
        .contentType("text/csv")
        .queryParam("name", name())
        .queryParam("symbol", "TEST")
        .queryParam("timeframe", "1m")
        .body(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/datasets")
        .then()
        .statusCode(422)
        .body(
            "errors[0].reason",
            equalTo(
                "line 1000002 (row 1000001): more than 1000000 rows; a dataset may have at most"
                    + " 1000000 rows (bars)"));
    assertThat(datasets()).isEqualTo(before);
  }

  @Test
  void bodyOverTheByteLimitIsContentTooLarge() {
    // 64 MiB by default; the test profile sets 24 MiB (see application.properties)
    long limit =
        ConfigProvider.getConfig().getValue("strategy.datasets.max-upload-bytes", Long.class);
    byte[] body = new byte[Math.toIntExact(limit + 1)];
    Arrays.fill(body, (byte) '1');
    long before = datasets();
    given()
        // no request logging on failure: printing a 24 MiB body exhausts the test JVM's heap
        .config(RestAssured.config().logConfig(LogConfig.logConfig()))
        .contentType("text/csv")
        .queryParam("name", name())
        .queryParam("symbol", "TEST")
        .queryParam("timeframe", "1m")
        .body(body)
        .post("/api/v1/datasets")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body(
            "detail",
            equalTo(
                "body: "
                    + (limit + 1)
                    + " bytes exceed the limit of "
                    + limit
                    + " bytes ("
                    + limit / (1024 * 1024)
                    + " MiB)"));
    assertThat(datasets()).isEqualTo(before);
  }
}

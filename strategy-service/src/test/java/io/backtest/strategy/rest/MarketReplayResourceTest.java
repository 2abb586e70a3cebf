package io.backtest.strategy.rest;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.events.MarketBar;
import io.backtest.strategy.Fixtures;
import io.backtest.strategy.service.MarketReplayer;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Market replay against the real broker and database: bars on market.bars, pace, stop, errors. */
@QuarkusTest
class MarketReplayResourceTest {
  private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

  @Inject MarketReplayer replayer;

  /** A daily dataset of {@code n} bars of a symbol of its own: bar i opens at 100 + i. */
  private static String dataset(String symbol, int n) {
    StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
    for (int i = 0; i < n; i++) {
      double open = 100 + i;
      csv.append(FIRST.plus(Duration.ofDays(i)).getEpochSecond())
          .append(',')
          .append(open)
          .append(',')
          .append(open + 2)
          .append(',')
          .append(open - 1)
          .append(',')
          .append(open + 1)
          .append(',')
          .append(1000 + i)
          .append('\n');
    }
    String name = "replay-" + symbol.toLowerCase();
    given()
        .contentType("text/csv")
        .queryParam("name", name)
        .queryParam("symbol", symbol)
        .queryParam("timeframe", "1d")
        .body(csv.toString())
        .post("/api/v1/datasets")
        .then()
        .statusCode(201);
    return name;
  }

  private static String symbol() {
    return "R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
  }

  private static ValidatableResponse start(String body, String correlationId) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Correlation-Id", correlationId)
        .body(body)
        .post("/api/v1/market/replay")
        .then();
  }

  private static JsonPath awaitStatus(String id, String status) {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status.equals(given().get("/api/v1/market/replay/" + id).path("status")));
    return given().get("/api/v1/market/replay/" + id).then().extract().jsonPath();
  }

  private static List<ConsumerRecord<String, String>> bars(String symbol, int count) {
    return kafka()
        .await(
            kafka().topic(EventCatalog.MARKET_BARS.topic()),
            r -> symbol.equals(r.key()),
            count,
            WAIT);
  }

  @Test
  void replayPublishesEveryBarInOrderAsCloudEventsKeyedBySymbol() {
    String symbol = symbol();
    String datasetId = dataset(symbol, 30);
    String correlationId = "corr-replay-" + UUID.randomUUID();

    JsonPath started =
        start(
                "{\"datasetId\":\"" + datasetId + "\",\"from\":\"2024-01-06T00:00:00Z\"}",
                correlationId)
            .statusCode(202)
            .header("Location", containsString("/api/v1/market/replay/"))
            .body("datasetId", equalTo(datasetId))
            .body("symbol", equalTo(symbol))
            .body("timeframe", equalTo("1d"))
            .body("barsPerSecond", nullValue())
            .body("from", equalTo("2024-01-06T00:00:00Z"))
            // bars 5 to 29
            .body("totalBars", equalTo(25))
            .body("status", equalTo("RUNNING"))
            .extract()
            .jsonPath();
    String id = started.getString("replayId");

    JsonPath done = awaitStatus(id, "COMPLETED");
    assertThat(done.getInt("publishedBars")).isEqualTo(25);
    assertThat(done.getString("lastBarTime")).isEqualTo("2024-01-30T00:00:00Z");
    assertThat(done.getString("finishedAt")).isNotNull();
    assertThat(done.getString("error")).isNull();

    List<ConsumerRecord<String, String>> records = bars(symbol, 25);
    // nothing beyond the 25 bars
    assertThat(
            kafka().readAll(kafka().topic(EventCatalog.MARKET_BARS.topic())).stream()
                .filter(r -> symbol.equals(r.key())))
        .hasSize(25);
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, String> r = records.get(i);
      MarketBar bar = EventJson.read(r.value(), MarketBar.class);
      int k = i + 5;
      double open = 100 + k;
      assertThat(bar)
          .isEqualTo(
              new MarketBar(
                  symbol,
                  "1d",
                  FIRST.plus(Duration.ofDays(k)),
                  open,
                  open + 2,
                  open - 1,
                  open + 1,
                  1000 + k));
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_SPEC_VERSION)).isEqualTo("1.0");
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_TYPE))
          .isEqualTo(EventCatalog.MARKET_BARS.type());
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_SOURCE))
          .isEqualTo("/strategy-service");
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_SUBJECT)).isEqualTo(symbol);
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_CORRELATION_ID))
          .isEqualTo(correlationId);
      assertThat(TestKafka.header(r, CloudEventAttributes.HEADER_CONTENT_TYPE))
          .isEqualTo(CloudEventAttributes.CONTENT_TYPE);
      assertThat(UUID.fromString(TestKafka.header(r, CloudEventAttributes.HEADER_ID))).isNotNull();
      assertThat(Instant.parse(TestKafka.header(r, CloudEventAttributes.HEADER_TIME))).isNotNull();
    }
    // one key, one partition: the records are read in the order they were published
    assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);

    given()
        .queryParam("status", "completed")
        .get("/api/v1/market/replay")
        .then()
        .statusCode(200)
        .body("items.replayId", hasItem(id));
    given()
        .queryParam("status", "RUNNING")
        .queryParam("size", "100")
        .get("/api/v1/market/replay")
        .then()
        .statusCode(200)
        .body("items.replayId", not(hasItem(id)));
  }

  @Test
  void pacedReplayTakesAtLeastItsBarsOverItsRate() {
    String symbol = symbol();
    String datasetId = dataset(symbol, 20);
    long before = System.nanoTime();
    String id =
        start("{\"datasetId\":\"" + datasetId + "\",\"barsPerSecond\":40}", "corr-pace")
            .statusCode(202)
            .body("barsPerSecond", equalTo(40.0f))
            .body("totalBars", equalTo(20))
            .extract()
            .path("replayId");
    JsonPath done = awaitStatus(id, "COMPLETED");
    long elapsedMillis = Duration.ofNanos(System.nanoTime() - before).toMillis();
    assertThat(done.getInt("publishedBars")).isEqualTo(20);
    // bar 19 goes out 19/40 s = 0.475 s after bar 0
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(450);
    Duration ran =
        Duration.between(
            Instant.parse(done.getString("startedAt")),
            Instant.parse(done.getString("finishedAt")));
    assertThat(ran).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    assertThat(bars(symbol, 20)).hasSize(20);
  }

  @Test
  void stoppedReplayKeepsWhatItPublishedAndASecondReplayOfTheMarketIsRefusedMeanwhile() {
    String symbol = symbol();
    String datasetId = dataset(symbol, 200);
    String body = "{\"datasetId\":\"" + datasetId + "\",\"barsPerSecond\":20}";
    String id = start(body, "corr-stop").statusCode(202).extract().path("replayId");

    // one replay per market
    start(body, "corr-stop-2")
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString(id));

    Awaitility.await()
        .atMost(WAIT)
        .until(() -> given().get("/api/v1/market/replay/" + id).<Integer>path("publishedBars") > 0);
    JsonPath stopped =
        given()
            .post("/api/v1/market/replay/" + id + "/stop")
            .then()
            .statusCode(200)
            .body("status", equalTo("STOPPED"))
            .extract()
            .jsonPath();
    int published = stopped.getInt("publishedBars");
    assertThat(published).isBetween(1, 199);
    assertThat(stopped.getString("finishedAt")).isNotNull();
    // the last bar published is bar published - 1
    assertThat(Instant.parse(stopped.getString("lastBarTime")))
        .isEqualTo(FIRST.plus(Duration.ofDays(published - 1)));
    assertThat(bars(symbol, published)).hasSize(published);

    // stopping it again changes nothing
    given()
        .post("/api/v1/market/replay/" + id + "/stop")
        .then()
        .statusCode(200)
        .body("status", equalTo("STOPPED"))
        .body("publishedBars", equalTo(published))
        .body("finishedAt", equalTo(stopped.getString("finishedAt")));
    assertThat(
            kafka().readAll(kafka().topic(EventCatalog.MARKET_BARS.topic())).stream()
                .filter(r -> symbol.equals(r.key())))
        .hasSize(published);

    // the market is free again: bars 190 to 199
    String from = FIRST.plus(Duration.ofDays(190)).toString();
    String next =
        start("{\"datasetId\":\"" + datasetId + "\",\"from\":\"" + from + "\"}", "c")
            .statusCode(202)
            .body("totalBars", equalTo(10))
            .extract()
            .path("replayId");
    awaitStatus(next, "COMPLETED");
  }

  @Test
  void badRequestsAreProblemsNamingTheField() {
    String datasetId = dataset(symbol(), 5);
    start("{\"datasetId\":\"no-such-dataset\"}", "c")
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("no-such-dataset"));
    start("{}", "c").statusCode(400).body("errors[0].field", equalTo("datasetId"));
    for (String rate : List.of("0", "-1", "100001")) {
      start("{\"datasetId\":\"" + datasetId + "\",\"barsPerSecond\":" + rate + "}", "c")
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("barsPerSecond"));
    }
    start("{\"datasetId\":\"" + datasetId + "\",\"barsPerSecond\":\"fast\"}", "c")
        .statusCode(400)
        .body("detail", containsString("barsPerSecond"));
    start("{\"datasetId\":\"" + datasetId + "\",\"from\":\"yesterday\"}", "c")
        .statusCode(400)
        .body("errors[0].field", equalTo("from"));
    start("{\"datasetId\":\"" + datasetId + "\",\"from\":\"2030-01-01T00:00:00Z\"}", "c")
        .statusCode(422)
        .body("errors[0].field", equalTo("from"));
    given()
        .get("/api/v1/market/replay/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .get("/api/v1/market/replay/nope")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("id"));
    given().post("/api/v1/market/replay/" + UUID.randomUUID() + "/stop").then().statusCode(404);
    given()
        .queryParam("status", "DONE")
        .get("/api/v1/market/replay")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("status"));
    // nothing was stored for the refused requests
    assertThat(
            Fixtures.queryLong(
                "select count(*) from market_replay where dataset_id = ?", datasetId))
        .isZero();
  }

  @Test
  void unfinishedReplaysOfARestartedOrLostInstanceAreMarkedFailed() throws Throwable {
    String datasetId = dataset(symbol(), 3);
    String otherDatasetId = dataset(symbol(), 3);
    UUID mine = UUID.randomUUID();
    UUID lost = UUID.randomUUID();
    UUID alive = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.now());
    Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
    insertRunning(mine, datasetId, replayer.instance(), now);
    insertRunning(lost, otherDatasetId, "gone-instance", old);
    String aliveDataset = dataset(symbol(), 3);
    insertRunning(alive, aliveDataset, "other-instance", now);

    VertxContextSupport.subscribeAndAwait(() -> replayer.failInterrupted());

    given()
        .get("/api/v1/market/replay/" + mine)
        .then()
        .body("status", equalTo("FAILED"))
        .body("error", equalTo("interrupted by a restart"))
        .body("finishedAt", notNullValue());
    given()
        .get("/api/v1/market/replay/" + lost)
        .then()
        .body("status", equalTo("FAILED"))
        .body("error", containsString("no progress"));
    // another instance's replay with a recent heartbeat runs on
    given().get("/api/v1/market/replay/" + alive).then().body("status", equalTo("RUNNING"));
    // stopping it from here records the stop for its worker to see
    given()
        .post("/api/v1/market/replay/" + alive + "/stop")
        .then()
        .statusCode(200)
        .body("status", equalTo("STOPPED"))
        .body("finishedAt", notNullValue());
  }

  private static void insertRunning(UUID id, String datasetId, String owner, Timestamp heartbeat) {
    Fixtures.execute(
        "insert into market_replay (id, dataset_id, symbol, timeframe, total_bars, status,"
            + " correlation_id, owner, started_at, heartbeat_at) select ?, id, symbol, timeframe,"
            + " bar_count, 'RUNNING', 'c', ?, ?, ? from dataset where id = ?",
        id,
        owner,
        heartbeat,
        heartbeat,
        datasetId);
  }
}

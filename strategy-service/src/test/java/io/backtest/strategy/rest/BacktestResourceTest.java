package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /api/v1/backtests: the engine's numbers while the caller waits, and precise refusals. */
@QuarkusTest
class BacktestResourceTest {
  private static final String BACKTESTS = "/api/v1/backtests";
  private static final double CAPITAL = 10_000;
  // Doubles as doubles: rest-assured reads JSON numbers as floats by default.
  private static final JsonPathConfig EXACT =
      new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

  private static ValidatableResponse post(String body) {
    return given().contentType(ContentType.JSON).body(body).post(BACKTESTS).then();
  }

  /** AAPL 2013 daily bars as the ta4j-examples file has them, read without the engine. */
  record Bar(Instant time, double open, double close) {}

  private static List<Bar> aapl() throws Exception {
    List<Bar> bars = new ArrayList<>();
    try (InputStream in =
            BacktestResourceTest.class
                .getClassLoader()
                .getResourceAsStream("appleinc_bars_from_20130101_usd.csv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.readLine(); // date,open,high,low,close,volume
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] f = line.split(",");
        bars.add(
            new Bar(
                LocalDate.parse(f[0]).atStartOfDay(ZoneOffset.UTC).toInstant(),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[4])));
      }
    }
    return bars;
  }

  record Fill(Instant entryTime, double entryPrice, Instant exitTime, double exitPrice) {}

  @Test
  void smaCrossoverOnAaplTradesLikeAHandWrittenLoopWithMetricsOfItsOwnEquity() throws Exception {
    List<Bar> bars = aapl();
    int n = bars.size();
    double[] close = bars.stream().mapToDouble(Bar::close).toArray();

    // The reference: naive window sums, "above now, not above on the previous bar" crosses from
    // bar slow on, all-in at the next open, no costs.
    List<Fill> expected = new ArrayList<>();
    double cash = CAPITAL;
    double units = 0;
    int pending = 0;
    Instant entryTime = null;
    double entryPrice = 0;
    for (int i = 0; i < n; i++) {
      double open = bars.get(i).open();
      if (pending > 0) {
        units = cash / open;
        cash = 0;
        entryTime = bars.get(i).time();
        entryPrice = open;
      } else if (pending < 0) {
        cash = units * open;
        units = 0;
        expected.add(new Fill(entryTime, entryPrice, bars.get(i).time(), open));
      }
      pending = 0;
      if (i >= 50 && i + 1 < n) {
        double fast = mean(close, i, 10);
        double slow = mean(close, i, 50);
        double fastBefore = mean(close, i - 1, 10);
        double slowBefore = mean(close, i - 1, 50);
        if (units == 0 && fast > slow && !(fastBefore > slowBefore)) {
          pending = 1;
        } else if (units > 0 && fast < slow && !(fastBefore < slowBefore)) {
          pending = -1;
        }
      }
    }
    boolean openAtEnd = units > 0;
    double finalEquity = cash + units * close[n - 1];

    JsonPath answer =
        post("""
                {"datasetId": "aapl-1d-2013", "template": "sma-crossover",
                 "params": {"fast": 10, "slow": 50},
                 "costs": {"feeBps": 0, "slippageBps": 0},
                 "execution": {"fill": "next-open"}}""")
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("template", equalTo("sma-crossover"))
            .body("params.fast", equalTo(10))
            .body("params.slow", equalTo(50))
            .body("dataset.id", equalTo("aapl-1d-2013"))
            .body("execution.direction", equalTo("long-only"))
            .body("execution.capital", equalTo(10_000.0f))
            .body("execution.positionFraction", equalTo(1.0f))
            .body("costs.feeBps", equalTo(0.0f))
            .body("barsPerYear", equalTo(252.0f))
            .extract()
            .jsonPath()
            .using(EXACT);
    assertThat(answer.getString("dataset.sha256")).hasSize(64);
    assertThat(answer.getString("engineVersion")).isNotBlank();
    assertThat(answer.<Object>get("folds")).isNull();
    assertThat(answer.<Object>get("walkForward")).isNull();

    List<Map<String, Object>> trades = answer.getList("trades");
    List<Fill> closed = new ArrayList<>();
    for (Map<String, Object> t : trades) {
      assertThat(t.get("side")).isEqualTo("long");
      if (!(Boolean) t.get("open")) {
        closed.add(
            new Fill(
                Instant.parse((String) t.get("entryTime")),
                number(t.get("entryPrice")),
                Instant.parse((String) t.get("exitTime")),
                number(t.get("exitPrice"))));
      }
    }
    assertThat(expected).as("the reference loop traded").hasSizeGreaterThanOrEqualTo(2);
    assertThat(closed).isEqualTo(expected);
    assertThat(trades).hasSize(expected.size() + (openAtEnd ? 1 : 0));
    if (openAtEnd) {
      Map<String, Object> last = trades.getLast();
      assertThat(last.get("open")).isEqualTo(true);
      assertThat(number(last.get("exitPrice"))).isEqualTo(close[n - 1]);
    }

    // The equity curve: one point per bar at its close time, and the loop's final equity.
    List<Map<String, Object>> curve = answer.getList("equity");
    assertThat(curve).hasSize(n);
    double[] equity = new double[n];
    for (int i = 0; i < n; i++) {
      assertThat(Instant.parse((String) curve.get(i).get("time")))
          .isEqualTo(bars.get(i).time().plus(Duration.ofDays(1)));
      equity[i] = number(curve.get(i).get("value"));
    }
    assertThat(equity[0]).isEqualTo(CAPITAL);
    assertThat(equity[n - 1]).isCloseTo(finalEquity, within(1e-6));

    // The metrics agree with the answer's own curve.
    double[] returns = new double[n - 1];
    for (int i = 1; i < n; i++) {
      returns[i - 1] = equity[i] / equity[i - 1] - 1;
    }
    double mean = 0;
    for (double r : returns) {
      mean += r;
    }
    mean /= returns.length;
    double squares = 0;
    for (double r : returns) {
      squares += (r - mean) * (r - mean);
    }
    double sharpe = mean / Math.sqrt(squares / (returns.length - 1)) * Math.sqrt(252);
    double peak = equity[0];
    double maxDrawdown = 0;
    for (double e : equity) {
      peak = Math.max(peak, e);
      maxDrawdown = Math.max(maxDrawdown, (peak - e) / peak);
    }
    assertThat(answer.getDouble("metrics.totalReturn"))
        .isCloseTo(equity[n - 1] / CAPITAL - 1, within(1e-9));
    assertThat(number(answer.get("metrics.sharpe"))).isCloseTo(sharpe, within(1e-9));
    assertThat(number(answer.get("metrics.maxDrawdown"))).isCloseTo(maxDrawdown, within(1e-9));
    assertThat(answer.getInt("metrics.trades")).isEqualTo(trades.size());
  }

  @Test
  void walkForwardFoldsTileTheOutOfSampleBarsAsDocumented() throws Exception {
    List<Bar> bars = aapl();
    // 252 bars, in-sample 100, out-of-sample 30, step 30: folds k = 0..4 test [100 + 30k, 130 +
    // 30k); bars 250 and 251 are left untested.
    JsonPath answer =
        post("""
                {"datasetId": "aapl-1d-2013", "template": "sma-crossover",
                 "params": {"fast": 10, "slow": 30},
                 "walkForward": {"inSampleBars": 100, "outOfSampleBars": 30, "points": 9,
                                 "objective": "total-return"},
                 "seed": 42}""")
            .statusCode(200)
            .body("walkForward.windows", equalTo("rolling"))
            .body("walkForward.stepBars", equalTo(30))
            .body("walkForward.search", equalTo("grid"))
            .body("walkForward.points", equalTo(9))
            .body("walkForward.objective", equalTo("total-return"))
            .body("seed", equalTo(42))
            .extract()
            .jsonPath()
            .using(EXACT);
    List<Map<String, Object>> folds = answer.getList("folds");
    assertThat(folds).hasSize(5);
    for (int k = 0; k < 5; k++) {
      int from = 100 + 30 * k;
      String fold = "folds[" + k + "].";
      assertThat(answer.getInt(fold + "index")).isEqualTo(k);
      assertThat(answer.getInt(fold + "outOfSample.fromIndex")).isEqualTo(from);
      assertThat(answer.getInt(fold + "outOfSample.toIndex")).isEqualTo(from + 30);
      assertThat(answer.getInt(fold + "inSample.fromIndex")).isEqualTo(from - 100);
      assertThat(answer.getInt(fold + "inSample.toIndex")).isEqualTo(from);
      assertThat(Instant.parse(answer.getString(fold + "outOfSample.fromTime")))
          .isEqualTo(bars.get(from).time());
      assertThat(Instant.parse(answer.getString(fold + "outOfSample.toTime")))
          .isEqualTo(bars.get(from + 29).time());
      assertThat(answer.getMap(fold + "params")).containsKeys("fast", "slow");
      assertThat(answer.getInt(fold + "outOfSampleMetrics.trades")).isNotNegative();
    }
    // The stitched record: one equity point per out-of-sample bar, at its close, in fold order.
    List<Map<String, Object>> curve = answer.getList("equity");
    assertThat(curve).hasSize(150);
    for (int i = 0; i < 150; i++) {
      assertThat(Instant.parse((String) curve.get(i).get("time")))
          .isEqualTo(bars.get(100 + i).time().plus(Duration.ofDays(1)));
    }
    assertThat(answer.getInt("walkForward.trials")).isBetween(1, 9);
    assertThat(answer.getInt("walkForward.evaluations"))
        .isEqualTo(5 * answer.getInt("walkForward.trials"));
    // Every out-of-sample trade lies inside a test window.
    for (Map<String, Object> t : answer.<Map<String, Object>>getList("trades")) {
      Instant entry = Instant.parse((String) t.get("entryTime"));
      assertThat(entry).isAfterOrEqualTo(bars.get(100).time()).isBefore(bars.get(250).time());
    }
  }

  @Test
  void workBeyondTheBarStepLimitIsRefusedWithTheFigureAndWhatToDo() {
    String dataset =
        given()
            .contentType(ContentType.JSON)
            .body("{\"bars\": 5000, \"seed\": 99, \"model\": \"gbm\", \"symbol\": \"LIMIT\"}")
            .post("/api/v1/datasets/synthetic")
            .then()
            .statusCode(oneOf(200, 201))
            .extract()
            .path("dataset.id");
    // 5000 bars, in-sample 2500, out-of-sample 2: (5000 − 2502) / 2 + 1 = 1250 folds, each of
    // K = 500 in-sample windows of 2500 bars plus the 2 out-of-sample bars, plus K signal series
    // of 5000 bars: 1250 · (500 · 2500 + 2) + 500 · 5000 = 1,565,002,500 bar-steps, over the
    // default limit of 400,000,000. Refused before a bar is read.
    post("""
            {"datasetId": "%s", "template": "sma-crossover",
             "params": {"fast": 10, "slow": 50},
             "walkForward": {"inSampleBars": 2500, "outOfSampleBars": 2, "points": 500}}"""
            .formatted(dataset))
        .statusCode(422)
        .contentType("application/problem+json")
        .body("status", equalTo(422))
        .body(
            "detail",
            equalTo(
                "this backtest takes 1,565,002,500 bar-steps (per fold K = points in-sample"
                    + " windows plus the out-of-sample one, plus K signal series over every bar),"
                    + " over the limit of 400,000,000 for a synchronous backtest; run it as a"
                    + " cycle (POST /api/v1/cycles), or ask for fewer points or folds"));
  }

  static Stream<Arguments> badRequests() {
    String ok =
        "\"datasetId\": \"aapl-1d-2013\", \"template\": \"sma-crossover\", \"params\": {\"fast\":"
            + " 10, \"slow\": 50}";
    return Stream.of(
        Arguments.of("{" + ok.replace("sma-crossover", "sma-crossunder") + "}", 422, "template"),
        Arguments.of(
            "{\"datasetId\": \"aapl-1d-2013\", \"params\": {\"fast\": 10, \"slow\": 50}}",
            422,
            "template"),
        Arguments.of(
            "{" + ok.replace("\"slow\": 50", "\"slow\": 50, \"medium\": 20") + "}",
            422,
            "params.medium"),
        Arguments.of("{" + ok.replace(", \"slow\": 50", "") + "}", 422, "params.slow"),
        Arguments.of("{" + ok.replace("\"slow\": 50", "\"slow\": 300") + "}", 422, "params.slow"),
        Arguments.of("{" + ok.replace("\"slow\": 50", "\"slow\": 55") + "}", 422, "params.slow"),
        Arguments.of("{" + ok.replace("\"fast\": 10", "\"fast\": 10.5") + "}", 422, "params.fast"),
        Arguments.of(
            "{" + ok.replace("\"fast\": 10, \"slow\": 50", "\"fast\": 40, \"slow\": 40") + "}",
            422,
            "params"),
        Arguments.of(
            "{" + ok.replace("\"slow\": 50", "\"slow\": 50, \"stopLossPct\": 0.75") + "}",
            422,
            "params.stopLossPct"),
        Arguments.of("{" + ok + ", \"costs\": {\"feeBps\": -1}}", 422, "costs.feeBps"),
        Arguments.of("{" + ok + ", \"costs\": {\"slippageBps\": 10000}}", 422, "costs.slippageBps"),
        Arguments.of(
            "{" + ok + ", \"execution\": {\"fill\": \"tomorrow\"}}", 422, "execution.fill"),
        Arguments.of(
            "{" + ok + ", \"execution\": {\"direction\": \"short-only\"}}",
            422,
            "execution.direction"),
        Arguments.of("{" + ok + ", \"execution\": {\"capital\": 0}}", 422, "execution.capital"),
        Arguments.of(
            "{" + ok + ", \"execution\": {\"positionFraction\": 1.5}}",
            422,
            "execution.positionFraction"),
        Arguments.of("{" + ok.replace("aapl-1d-2013", "aapl-1d-1999") + "}", 422, "datasetId"),
        Arguments.of(
            "{\"template\": \"sma-crossover\", \"params\": {\"fast\": 10, \"slow\": 50}}",
            422,
            "datasetId"),
        Arguments.of(
            "{" + ok + ", \"walkForward\": {\"inSampleBars\": 200, \"outOfSampleBars\": 60}}",
            422,
            "walkForward"),
        Arguments.of(
            "{" + ok + ", \"walkForward\": {\"outOfSampleBars\": 20}}",
            422,
            "walkForward.inSampleBars"),
        Arguments.of(
            "{"
                + ok
                + ", \"walkForward\": {\"inSampleBars\": 100, \"outOfSampleBars\": 20,"
                + " \"stepBars\": 10}}",
            422,
            "walkForward.stepBars"),
        Arguments.of(
            "{"
                + ok
                + ", \"walkForward\": {\"inSampleBars\": 100, \"outOfSampleBars\": 20,"
                + " \"objective\": \"luck\"}}",
            422,
            "walkForward.objective"),
        Arguments.of("{" + ok + ", \"walkforward\": {}}", 400, "walkforward"),
        Arguments.of("{" + ok.replace("\"fast\": 10", "\"fast\": true") + "}", 400, "params.fast"),
        Arguments.of("{" + ok + ", \"costs\": {\"feeBps\": \"ten\"}}", 400, "costs.feeBps"),
        Arguments.of("{" + ok, 400, "body"),
        Arguments.of("[1, 2]", 400, "body"));
  }

  @ParameterizedTest(name = "{2} ({1})")
  @MethodSource("badRequests")
  void badInputIsRefusedNamingTheField(String body, int status, String field) {
    post(body)
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("instance", equalTo(BACKTESTS))
        .body("errors.field", hasItem(field))
        .body("detail", containsString(field));
  }

  @Test
  void theOperationIsDocumented() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths.'/api/v1/backtests'.post.summary", equalTo("Run a backtest synchronously"))
        .body("paths.'/api/v1/backtests'.post.responses.keySet()", hasItems("200", "400", "422"))
        .body(
            "components.schemas.BacktestView.properties.keySet()",
            hasItems("trades", "equity", "metrics", "folds", "walkForward"));
  }

  @Test
  void missingBodyIsABadRequest() {
    given()
        .contentType(ContentType.JSON)
        .post(BACKTESTS)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("body"));
  }

  @Test
  void everyInvalidFieldIsNamedInOneAnswer() {
    post("""
            {"datasetId": "nope", "template": "sma-crossover", "params": {"fast": 40, "slow": 55},
             "costs": {"feeBps": -2}, "execution": {"fill": "never"}}""")
        .statusCode(422)
        .body(
            "errors.field", contains("datasetId", "params.slow", "costs.feeBps", "execution.fill"));
  }

  /** The mean of {@code x[end − length + 1 .. end]}: a plain window sum. */
  private static double mean(double[] x, int end, int length) {
    double sum = 0;
    for (int j = end - length + 1; j <= end; j++) {
      sum += x[j];
    }
    return sum / length;
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }
}

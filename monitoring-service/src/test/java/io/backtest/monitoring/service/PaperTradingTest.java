package io.backtest.monitoring.service;

import static io.backtest.monitoring.Fixtures.WAIT;
import static io.backtest.monitoring.Fixtures.awaitLiveBars;
import static io.backtest.monitoring.Fixtures.awaitStrategy;
import static io.backtest.monitoring.Fixtures.kafka;
import static io.backtest.monitoring.Fixtures.marketBar;
import static io.backtest.monitoring.Fixtures.publish;
import static io.backtest.monitoring.Fixtures.publishBars;
import static io.backtest.monitoring.SampleEvents.demoted;
import static io.backtest.monitoring.SampleEvents.promoted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.drift.DriftDetection;
import io.backtest.engine.drift.DriftMonitor;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.monitoring.config.MonitoringConfig;
import io.backtest.monitoring.domain.LiveRun;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Paper trading and drift detection on the real broker and database, checked against independent
 * computations: the engine's batch backtest of the same bars, and a drift monitor fed its returns.
 */
@QuarkusTest
class PaperTradingTest {
  private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private static final double CAPITAL = 25_000;

  @Inject LiveRuns runs;
  @Inject Pool database;
  @Inject MonitoringConfig config;

  private static String symbol(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  private static DatasetRef dataset(String symbol) {
    return new DatasetRef(symbol.toLowerCase() + "-1d", symbol, "1d", 252);
  }

  /**
   * Daily bars whose close-to-close return is normal with mean {@code means[k]} and standard
   * deviation {@code sd}; each opens at the previous close.
   */
  private static List<OhlcvBar> bars(long seed, double sd, double[] means) {
    SplittableRandom random = new SplittableRandom(seed);
    List<OhlcvBar> bars = new ArrayList<>();
    double close = 100;
    for (int k = 0; k < means.length; k++) {
      double open = close;
      close = open * (1 + means[k] + sd * random.nextGaussian());
      bars.add(
          new OhlcvBar(
              START.plus(DAY.multipliedBy(k)),
              open,
              Math.max(open, close) * 1.002,
              Math.min(open, close) * 0.998,
              close,
              1_000));
    }
    return bars;
  }

  private static double[] means(int n, double before, int changeAt, double after) {
    double[] means = new double[n];
    for (int k = 0; k < n; k++) {
      means[k] = k < changeAt ? before : after;
    }
    return means;
  }

  /** What a strategy with daily mean {@code mean} and deviation {@code sd} promises. */
  private static ExpectedPerformance promise(double mean, double sd, double tradesPerYear) {
    return new ExpectedPerformance(
        Math.pow(1 + mean, 252) - 1,
        sd * Math.sqrt(252),
        mean / sd * Math.sqrt(252),
        0.15,
        mean,
        sd,
        252,
        1,
        tradesPerYear,
        0.95);
  }

  /** The equity the batch engine computes for bars {@code [from, bars.size())}. */
  private static BacktestResult batch(
      String symbol,
      List<OhlcvBar> bars,
      String template,
      Map<String, Number> params,
      ExecutionModel model,
      int from) {
    StrategyTemplate t = StrategyTemplates.builtIn().get(template);
    IndicatorSet indicators = new IndicatorSet(BarArrays.of(symbol, bars, DAY));
    return new BacktestEngine(252)
        .run(indicators, t, t.space().typed(params), model, from, bars.size());
  }

  /** The returns drift detection sees: the first against the starting capital. */
  private static double[] liveReturns(double[] equity) {
    double[] r = new double[equity.length];
    double previous = CAPITAL;
    for (int k = 0; k < equity.length; k++) {
      r[k] = equity[k] / previous - 1;
      previous = equity[k];
    }
    return r;
  }

  /** The first detection of a monitor fed {@code returns}, with its 0-based bar, if any. */
  private record Expected(int index, DriftDetection detection) {}

  private static Optional<Expected> firstDetection(ExpectedPerformance promise, double[] returns) {
    DriftMonitor monitor = new DriftMonitor(promise, DriftMonitor.Settings.DEFAULT);
    for (int k = 0; k < returns.length; k++) {
      Optional<DriftDetection> d = monitor.update(returns[k], false);
      if (d.isPresent()) {
        return Optional.of(new Expected(k, d.get()));
      }
    }
    return Optional.empty();
  }

  private void awaitStoredBars(String symbol, long count) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                database
                    .preparedQuery("select count(*) from market_bar where symbol = $1")
                    .execute(Tuple.of(symbol))
                    .await()
                    .indefinitely()
                    .iterator()
                    .next()
                    .getLong(0),
            n -> n == count);
  }

  @Test
  void driftDefaultsAreTheEngines() {
    assertThat(config.drift().settings()).isEqualTo(DriftMonitor.Settings.DEFAULT);
  }

  @Test
  void barByBarEqualsTheBatchBacktestAcrossARestart() {
    String symbol = symbol("EQ");
    List<OhlcvBar> bars =
        SyntheticBars.gbm(new SyntheticBars.Frame(260, 11, START, DAY, 100), 0.0002, 0.015).bars();
    int warmUp = 60;
    UUID id = UUID.randomUUID();
    Map<String, Number> params = Map.of("fast", 6, "slow", 20);
    ExecutionSettings execution =
        new ExecutionSettings("next-open", "long-short", 10, 5, 1.0, CAPITAL);
    // promoted after bar 59 opened: bars 0..59 warm up, 60.. are traded
    Instant at = bars.get(warmUp - 1).time().plus(Duration.ofHours(1));
    publishBars(symbol, bars, 0, warmUp);
    // the warm-up is what has arrived when the promotion is recorded
    awaitStoredBars(symbol, warmUp);
    publish(
        promoted(
            id,
            at,
            dataset(symbol),
            new StrategyDefinition("sma-crossover", params),
            execution,
            promise(0.0005, 0.015, 12)));
    awaitStrategy(id, j -> true);
    publishBars(symbol, bars, warmUp, 160);
    awaitLiveBars(id, 100);
    // as after a restart: the next bar rebuilds the watch from the stored bars
    runs.clear();
    publishBars(symbol, bars, 160, bars.size());
    JsonPath s = awaitLiveBars(id, 200);

    BacktestResult expected =
        batch(
            symbol,
            bars,
            "sma-crossover",
            params,
            new ExecutionModel(
                ExecutionModel.Fill.NEXT_OPEN,
                ExecutionModel.Direction.LONG_SHORT,
                10,
                5,
                1.0,
                CAPITAL),
            warmUp);
    double[] equity = expected.equity();
    List<Trade> trades = expected.trades();
    assertThat(trades.stream().filter(t -> !t.open()).count())
        .as("the data makes the strategy trade")
        .isGreaterThan(3);

    List<Map<String, Object>> points = s.getList("points");
    assertThat(points).hasSize(equity.length);
    double[] returns = liveReturns(equity);
    double peak = CAPITAL;
    for (int k = 0; k < equity.length; k++) {
      int index = warmUp + k;
      Map<String, Object> p = points.get(k);
      assertThat(Instant.parse((String) p.get("time"))).isEqualTo(bars.get(index).time());
      // bit for bit
      assertThat((Double) p.get("equity")).as("equity at bar %d", index).isEqualTo(equity[k]);
      assertThat((Double) p.get("return")).isEqualTo(returns[k]);
      peak = Math.max(peak, equity[k]);
      assertThat((Double) p.get("drawdown")).isEqualTo(1 - equity[k] / peak);
      assertThat(p.get("position"))
          .as("position after bar %d", index)
          .isEqualTo(held(trades, index));
    }
    long closed = trades.stream().filter(t -> !t.open()).count();
    assertThat(s.getInt("live.trades")).isEqualTo((int) closed);
    assertThat(s.getInt("live.warmUpBars")).isEqualTo(warmUp);
    assertThat(s.getDouble("live.equity")).isEqualTo(equity[equity.length - 1]);
    assertThat(s.getDouble("live.totalReturn")).isEqualTo(equity[equity.length - 1] / CAPITAL - 1);
    assertThat(s.getString("live.position")).isEqualTo(held(trades, bars.size() - 1));
    assertThat(s.getString("live.lastBarTime")).isEqualTo(bars.getLast().time().toString());
    assertThat(s.getDouble("expected.sharpe")).isEqualTo(promise(0.0005, 0.015, 12).sharpe());

    // ?points=N: the latest N, oldest first
    List<Double> last =
        given()
            .queryParam("points", 3)
            .get("/api/v1/monitoring/strategies/{id}", id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath(
                JsonPathConfig.jsonPathConfig()
                    .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE))
            .getList("points.equity");
    assertThat(last)
        .containsExactly(
            equity[equity.length - 3], equity[equity.length - 2], equity[equity.length - 1]);
  }

  /** The position the batch backtest held after bar {@code index}. */
  private static String held(List<Trade> trades, int index) {
    for (Trade t : trades) {
      if (t.entryIndex() <= index && (t.open() || t.exitIndex() > index)) {
        return t.side().name();
      }
    }
    return "FLAT";
  }

  @Test
  void driftIsDetectedOnceAfterTheEdgeVanishesAndNeverOnThePromisedEdge() {
    double mean = 0.001;
    double sd = 0.01;
    int changeAt = 200;
    int n = 300;
    ExpectedPerformance promise = promise(mean, sd, 0);
    ExecutionSettings execution =
        new ExecutionSettings("next-open", "long-only", 0, 0, 1.0, CAPITAL);
    ExecutionModel model =
        new ExecutionModel(
            ExecutionModel.Fill.NEXT_OPEN, ExecutionModel.Direction.LONG_ONLY, 0, 0, 1.0, CAPITAL);

    String drifting = symbol("DR");
    List<OhlcvBar> broken = bars(5, sd, means(n, mean, changeAt, -0.01));
    String stationary = symbol("ST");
    List<OhlcvBar> kept = bars(6, sd, means(n, mean, n, mean));

    // the independent computation: the batch equity's returns through a drift monitor
    double[] brokenReturns =
        liveReturns(batch(drifting, broken, "buy-and-hold", Map.of(), model, 0).equity());
    Expected expected = firstDetection(promise, brokenReturns).orElseThrow();
    assertThat(expected.index())
        .as("the data drifts after the change only")
        .isGreaterThanOrEqualTo(changeAt);
    double[] keptReturns =
        liveReturns(batch(stationary, kept, "buy-and-hold", Map.of(), model, 0).equity());
    assertThat(firstDetection(promise, keptReturns))
        .as("the promised edge does not drift")
        .isEmpty();

    UUID d = UUID.randomUUID();
    UUID k = UUID.randomUUID();
    Instant at = START.minus(Duration.ofHours(1));
    StrategyDefinition hold = new StrategyDefinition("buy-and-hold", Map.of());
    publish(promoted(d, at, dataset(drifting), hold, execution, promise));
    publish(promoted(k, at, dataset(stationary), hold, execution, promise));
    awaitStrategy(d, j -> true);
    awaitStrategy(k, j -> true);
    publishBars(drifting, broken, 0, n);
    publishBars(stationary, kept, 0, n);
    JsonPath s = awaitLiveBars(d, n);
    JsonPath sk = awaitLiveBars(k, n);

    // drifted, still paper trading, the detection recorded
    assertThat(s.getString("status")).isEqualTo("DRIFTED");
    String detector = LiveRun.contractDetector(expected.detection().detector());
    assertThat(s.getString("drift.detection.detector")).isEqualTo(detector);
    assertThat(s.getDouble("drift.detection.statistic"))
        .isEqualTo(expected.detection().statistic());
    assertThat(s.getString("drift.detection.barTime"))
        .isEqualTo(broken.get(expected.index()).time().toString());

    List<EventEnvelope<StrategyDriftDetected>> drifts =
        kafka()
            .awaitEvents(
                EventCatalog.STRATEGY_DRIFT_DETECTED,
                e -> e.data().strategyId().equals(d),
                1,
                WAIT);
    StrategyDriftDetected drift = drifts.getFirst().data();
    assertThat(drift.detector()).isEqualTo(detector);
    assertThat(drift.statistic()).isEqualTo(expected.detection().statistic());
    assertThat(drift.threshold()).isEqualTo(expected.detection().threshold());
    assertThat(drift.window()).isEqualTo(expected.index() + 1);
    assertThat(drift.barTime()).isEqualTo(broken.get(expected.index()).time());
    assertThat(drift.symbol()).isEqualTo(drifting);
    assertThat(drift.timeframe()).isEqualTo("1d");
    assertThat(drift.reason()).isEqualTo(expected.detection().reason()).startsWith("drift: ");
    assertThat(drifts.getFirst().subject()).isEqualTo(d.toString());
    kafka()
        .awaitEvents(
            EventCatalog.MONITORING_ALERT,
            e -> d.equals(e.data().strategyId()) && "drift".equals(e.data().kind()),
            1,
            WAIT);

    // exactly once, and nothing for the stationary one
    assertThat(
            kafka()
                .readEvents(
                    EventCatalog.STRATEGY_DRIFT_DETECTED, e -> e.data().strategyId().equals(d)))
        .hasSize(1);
    assertThat(
            kafka()
                .readEvents(
                    EventCatalog.STRATEGY_DRIFT_DETECTED, e -> e.data().strategyId().equals(k)))
        .isEmpty();
    List<EventEnvelope<MonitoringAlert>> alerts =
        kafka().readEvents(EventCatalog.MONITORING_ALERT, e -> d.equals(e.data().strategyId()));
    assertThat(alerts).hasSize(1);
    assertThat(alerts.getFirst().data().severity()).isEqualTo("CRITICAL");
    assertThat(alerts.getFirst().data().details())
        .containsEntry("window", (double) (expected.index() + 1));
    given()
        .queryParam("strategyId", d)
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].kind", equalTo("drift"))
        .body("items[0].severity", equalTo("CRITICAL"))
        .body("items[0].alertId", equalTo(alerts.getFirst().data().alertId().toString()));

    assertThat(sk.getString("status")).isEqualTo("WATCHING");
    assertThat(sk.getString("drift.detection")).isNull();
    assertThat(sk.getString("drift.changeDetector")).isEqualTo("CUSUM");
    DriftMonitor independent = new DriftMonitor(promise, DriftMonitor.Settings.DEFAULT);
    for (double r : keptReturns) {
      independent.update(r, false);
    }
    assertThat(sk.getDouble("drift.statistic"))
        .isEqualTo(independent.changeDetector().orElseThrow().statistic());
    assertThat(sk.getDouble("drift.threshold"))
        .isEqualTo(independent.changeDetector().orElseThrow().threshold());
    given()
        .queryParam("strategyId", k)
        .get("/api/v1/monitoring/alerts")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void demotionStopsTradingAndDuplicateBarsChangeNothing() {
    String symbol = symbol("DM");
    List<OhlcvBar> bars = bars(8, 0.01, means(40, 0.001, 40, 0));
    ExecutionSettings execution =
        new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, CAPITAL);
    StrategyDefinition hold = new StrategyDefinition("buy-and-hold", Map.of());
    UUID stopped = UUID.randomUUID();
    UUID marker = UUID.randomUUID();
    Instant at = START.minus(Duration.ofHours(1));
    publish(promoted(stopped, at, dataset(symbol), hold, execution, promise(0.001, 0.01, 0)));
    publish(promoted(marker, at, dataset(symbol), hold, execution, promise(0.001, 0.01, 0)));
    awaitStrategy(stopped, j -> true);
    awaitStrategy(marker, j -> true);

    publishBars(symbol, bars, 0, 10);
    // the same event again, and the same bar in a new event: neither is traded twice
    EventEnvelope<MarketBar> last = publish(marketBar(symbol, "1d", bars.get(10)));
    kafka().publish(EventCatalog.MARKET_BARS, last);
    publish(marketBar(symbol, "1d", bars.get(10)));
    JsonPath before = awaitLiveBars(stopped, 11);
    assertThat(before.getList("points")).hasSize(11);

    publish(demoted(stopped, at.plus(Duration.ofDays(11)), "drift"));
    awaitStrategy(stopped, j -> "STOPPED".equals(j.getString("status")));
    publishBars(symbol, bars, 11, 20);
    awaitLiveBars(marker, 20);

    JsonPath after = awaitStrategy(stopped, j -> true);
    assertThat(after.getInt("live.bars")).isEqualTo(11);
    assertThat(after.getString("live.lastBarTime")).isEqualTo(bars.get(10).time().toString());
    assertThat(after.getList("points")).hasSize(11);
  }

  @Test
  void malformedBarGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
    String symbol = symbol("BAD");
    // high below the close: not a valid MarketBar
    String payload =
        "{\"symbol\":\"%s\",\"timeframe\":\"1d\",\"time\":\"2025-01-06T00:00:00Z\",\"open\":10,\"high\":9,\"low\":8,\"close\":10,\"volume\":1}"
            .formatted(symbol);
    kafka()
        .publishRaw(
            kafka().topic(Topics.MARKET_BARS),
            symbol,
            payload,
            TestKafka.cloudEventHeaders(EventCatalog.MARKET_BARS, symbol, "corr-bad"));
    // keyed by another symbol: dead-lettered too
    List<OhlcvBar> bars = bars(9, 0.01, means(3, 0, 3, 0));
    kafka()
        .publish(
            EventCatalog.MARKET_BARS,
            "not-" + symbol,
            marketBar(symbol, "1d", bars.get(0)),
            "corr");

    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.MARKET_BARS)),
                r -> r.key().endsWith(symbol),
                2,
                WAIT);
    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dead-letter-reason"))
        .anySatisfy(reason -> assertThat(reason).contains("not a valid MarketBar"))
        .anySatisfy(reason -> assertThat(reason).contains("is not the bar's symbol " + symbol));

    // the consumer went on: a strategy on the symbol trades the next good bars
    UUID id = UUID.randomUUID();
    publish(
        promoted(
            id,
            START.minus(Duration.ofHours(1)),
            dataset(symbol),
            new StrategyDefinition("buy-and-hold", Map.of()),
            new ExecutionSettings("next-open", "long-only", 0, 0, 1.0, CAPITAL),
            promise(0.001, 0.01, 0)));
    awaitStrategy(id, j -> true);
    publishBars(symbol, bars, 0, 3);
    awaitLiveBars(id, 3);
  }

  @Test
  void historyReplayedAfterThePromotionIsTradedAsALiveFeedIs() {
    // a market replay publishes bars years older than the promotion: they arrive after it
    String symbol = symbol("RP");
    List<OhlcvBar> bars = bars(5, 0.01, means(30, 0.001, 30, 0));
    UUID id = UUID.randomUUID();
    publish(
        promoted(
            id,
            Instant.now(),
            dataset(symbol),
            new StrategyDefinition("buy-and-hold", Map.of()),
            new ExecutionSettings("next-open", "long-only", 0, 0, 1.0, CAPITAL),
            promise(0.001, 0.01, 0)));
    awaitStrategy(id, j -> true);
    publishBars(symbol, bars, 0, bars.size());
    JsonPath live = awaitLiveBars(id, bars.size());
    assertThat(live.getInt("live.warmUpBars")).isZero();
    assertThat(live.getString("live.lastBarTime")).isEqualTo(bars.getLast().time().toString());
  }

  @Test
  void regimeChangeAlertsEveryWatchedStrategyOnTheSymbol() {
    String symbol = symbol("RG");
    UUID watched = UUID.randomUUID();
    UUID stopped = UUID.randomUUID();
    Instant at = START.minus(Duration.ofHours(1));
    StrategyDefinition hold = new StrategyDefinition("buy-and-hold", Map.of());
    ExecutionSettings execution =
        new ExecutionSettings("next-open", "long-only", 0, 0, 1.0, CAPITAL);
    StrategyPromoted p =
        promoted(watched, at, dataset(symbol), hold, execution, promise(0.001, 0.01, 0));
    publish(p);
    publish(promoted(stopped, at, dataset(symbol), hold, execution, promise(0.001, 0.01, 0)));
    publish(demoted(stopped, at.plusSeconds(60), "cap"));
    awaitStrategy(watched, j -> true);
    awaitStrategy(stopped, j -> "STOPPED".equals(j.getString("status")));

    // a trend change raises nothing by default (monitoring.alerts.regime-detectors); it goes first
    // on the symbol's partition, so the one alert counted below shows it was passed over
    publish(
        new MarketRegimeChanged(
            symbol,
            "1d",
            "trend",
            "RANGING",
            "TRENDING_UP",
            START,
            119,
            Map.of("adx", 31.0),
            "trend RANGING -> TRENDING_UP: ADX 31.0 above 25 for 3 bars",
            START.plusSeconds(4)));
    publish(
        new MarketRegimeChanged(
            symbol,
            "1d",
            "volatility",
            "NORMAL",
            "HIGH",
            START,
            120,
            Map.of("volatility", 0.42, "highThreshold", 0.3),
            "volatility 42 % above the high threshold 30 %",
            START.plusSeconds(5)));

    List<EventEnvelope<MonitoringAlert>> raised =
        kafka()
            .awaitEvents(
                EventCatalog.MONITORING_ALERT,
                e -> symbol.equals(e.data().symbol()) && "regime-change".equals(e.data().kind()),
                1,
                WAIT);
    MonitoringAlert alert = raised.getFirst().data();
    assertThat(alert.strategyId()).isEqualTo(watched);
    assertThat(alert.severity()).isEqualTo("INFO");
    assertThat(alert.details())
        .containsEntry("volatility", 0.42)
        .containsEntry("barsObserved", 120.0);
    assertThat(alert.message()).contains("NORMAL -> HIGH").contains(watched.toString());
    JsonPath page =
        given()
            .queryParam("symbol", symbol)
            .queryParam("kind", "regime-change")
            .queryParam("severity", "info")
            .get("/api/v1/monitoring/alerts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getInt("total")).isEqualTo(1);
    assertThat(page.getInt("size")).isEqualTo(50);
    assertThat(page.getString("items[0].strategyId")).isEqualTo(watched.toString());
    assertThat(page.getString("items[0].message")).isEqualTo(alert.message());
    assertThat(page.getString("items[0].raisedAt")).isEqualTo(alert.raisedAt().toString());
  }
}

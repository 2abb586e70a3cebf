package io.backtest.strategy;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.CsvBars;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.evaluation.Evaluation;
import io.backtest.engine.evaluation.Evaluator;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.CandidateGenerator;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.strategy.Fixtures.Stats;
import io.backtest.strategy.mapping.EngineMapper;
import io.backtest.strategy.service.PromotionService;
import io.backtest.support.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A whole cycle against the real broker and database, with this test playing scoring-service: POST
 * a cycle, its events, the worker's 60 backtests, the ranking, the promotions, the result. It needs
 * an empty live set, so that the expected promotions follow from the gates alone; test classes run
 * in no fixed order, so this is the only class that promotes strategies (the others' rankings stay
 * below the gates). Its last test fills the live set: the other classes must not depend on its
 * size.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CycleLifecycleTest {
  private static final int N = 60;
  private static final int CYCLES = 9;
  private static final int CANDIDATES = 12;
  private static final int CAP = 35;
  private static final long SEED = 42;

  @Inject PromotionService promotions;

  @Test
  @Order(1)
  void cycleGoesFromRequestThroughBacktestsToPromotions() throws Exception {
    assertThat(Fixtures.liveCount())
        .as("this test expects to run first, on a fresh database with an empty live set")
        .isZero();
    String correlationId = "corr-lifecycle-" + UUID.randomUUID();

    // 1. POST → 202 with the cycle's id, correlation id and location
    var response =
        given()
            .contentType("application/json")
            .header("X-Correlation-Id", correlationId)
            .body("{\"datasetId\":\"aapl-1d-2013\",\"candidates\":60,\"seed\":42}")
            .post("/api/v1/cycles")
            .then()
            .statusCode(202)
            .header("X-Correlation-Id", correlationId)
            .extract();
    UUID cycleId = UUID.fromString(response.path("cycleId"));
    assertThat((String) response.path("correlationId")).isEqualTo(correlationId);
    assertThat(response.header("Location")).endsWith("/api/v1/cycles/" + cycleId);

    // 2. cycle.started, a CloudEvent keyed by the cycle
    ConsumerRecord<String, String> startedRecord =
        kafka()
            .await(
                kafka().topic(EventCatalog.CYCLE_STARTED.topic()),
                r -> cycleId.toString().equals(r.key()),
                1,
                WAIT)
            .getFirst();
    assertThat(TestKafka.header(startedRecord, CloudEventAttributes.HEADER_TYPE))
        .isEqualTo("io.backtest.cycle.started");
    assertThat(TestKafka.header(startedRecord, CloudEventAttributes.HEADER_SOURCE))
        .isEqualTo("/strategy-service");
    assertThat(TestKafka.header(startedRecord, CloudEventAttributes.HEADER_SPEC_VERSION))
        .isEqualTo("1.0");
    assertThat(TestKafka.header(startedRecord, CloudEventAttributes.HEADER_SUBJECT))
        .isEqualTo(cycleId.toString());
    assertThat(TestKafka.header(startedRecord, CloudEventAttributes.HEADER_CORRELATION_ID))
        .isEqualTo(correlationId);
    assertThat(TestKafka.header(startedRecord, CloudEventAttributes.HEADER_CAUSATION_ID)).isNull();
    EventEnvelope<CycleStarted> started =
        TestKafka.envelope(startedRecord, EventCatalog.CYCLE_STARTED);
    assertThat(started.data().candidates()).isEqualTo(N);
    assertThat(started.data().seed()).isEqualTo(SEED);
    assertThat(started.data().templates()).containsExactly("sma-crossover");
    assertThat(started.data().dataset().symbol()).isEqualTo("AAPL");
    assertThat(started.data().dataset().barsPerYear()).isEqualTo(252);
    assertThat(started.data().execution().fill()).isEqualTo("next-open");
    assertThat(started.data().execution().feeBps()).isEqualTo(10);
    assertThat(started.data().execution().slippageBps()).isEqualTo(5);

    // 3. 60 × backtest.requested, keyed by strategy, caused by cycle.started
    List<ConsumerRecord<String, String>> requestRecords =
        kafka()
            .await(
                kafka().topic(EventCatalog.BACKTEST_REQUESTED.topic()),
                r -> {
                  var e = TestKafka.eventOrNull(r, EventCatalog.BACKTEST_REQUESTED);
                  return e != null && e.data().cycleId().equals(cycleId);
                },
                N,
                WAIT);
    Map<UUID, EventEnvelope<BacktestRequested>> requests = new HashMap<>();
    for (ConsumerRecord<String, String> r : requestRecords) {
      EventEnvelope<BacktestRequested> e = TestKafka.envelope(r, EventCatalog.BACKTEST_REQUESTED);
      assertThat(r.key()).isEqualTo(e.data().strategyId().toString()).isEqualTo(e.subject());
      assertThat(e.type()).isEqualTo("io.backtest.backtest.requested");
      assertThat(e.source()).isEqualTo("/strategy-service");
      assertThat(e.correlationId()).isEqualTo(correlationId);
      assertThat(e.causationId()).isEqualTo(started.id().toString());
      requests.put(e.data().strategyId(), e);
    }
    assertThat(requests.keySet()).containsExactlyInAnyOrderElementsOf(started.data().strategyIds());
    // the candidates are the seeded sample, so the cycle can be replayed
    StrategyTemplate sma = StrategyTemplates.builtIn().get("sma-crossover");
    Set<Map<String, Integer>> expectedParameters =
        CandidateGenerator.sample(sma, N, SEED).stream()
            .map(p -> integers(p.asMap()))
            .collect(Collectors.toSet());
    Set<Map<String, Integer>> requestedParameters = new HashSet<>();
    requests
        .values()
        .forEach(e -> requestedParameters.add(integers(e.data().strategy().parameters())));
    assertThat(requestedParameters).isEqualTo(expectedParameters);

    // 4. the worker: 60 × backtest.completed, each caused by its request
    List<EventEnvelope<BacktestCompleted>> results = Fixtures.awaitBacktests(cycleId, N);
    for (EventEnvelope<BacktestCompleted> e : results) {
      BacktestCompleted c = e.data();
      assertThat(e.causationId()).isEqualTo(requests.get(c.strategyId()).id().toString());
      assertThat(e.correlationId()).isEqualTo(correlationId);
      assertThat(e.subject()).isEqualTo(c.strategyId().toString());
      assertThat(c.backtestId()).isEqualTo(requests.get(c.strategyId()).data().backtestId());
      assertThat(c.metrics().barCount()).isEqualTo(252);
      assertThat(c.returns().count()).isEqualTo(251);
      // total return is the compounded per-bar returns (stored as binary32)
      double growth = 1;
      for (double r : c.returns().values()) {
        growth *= 1 + r;
      }
      assertThat(c.metrics().totalReturn()).isCloseTo(growth - 1, within(1e-5));
    }
    // the stored bars reproduce a backtest on the file's bars exactly
    EventEnvelope<BacktestCompleted> sample = results.getFirst();
    Evaluation direct = backtestOnFile(sma, sample.data().strategy().parameters());
    assertThat(sample.data().returns()).isEqualTo(ReturnSeries.of(direct.returns()));
    assertThat(sample.data().metrics()).isEqualTo(EngineMapper.toContract(direct.metrics()));
    assertThat(sample.data().walkForward()).isNull();
    assertThat(sample.data().provenance().seed()).isEqualTo(SEED);
    assertThat(sample.data().openAtEnd()).isEqualTo(direct.openAtEnd());

    // 5. scoring's part: rank by Sharpe ratio, with statistics that pass every gate for the best
    // six (but rank 3 correlates 0.9 with rank 1) and noise below them; publish cycle.scored
    CycleScored order =
        Fixtures.rank(cycleId, N, results, c -> c.metrics().sharpe(), c -> Stats.noise().build());
    List<RankedStrategy> ranking = new ArrayList<>();
    for (RankedStrategy r : order.ranking()) {
      CandidateStatistics statistics =
          r.rank() <= 6
              ? Stats.passing().deflatedSharpe(dsr(r.rank())).build()
              : Stats.noise().build();
      ranking.add(new RankedStrategy(r.rank(), r.strategyId(), r.score(), statistics));
    }
    List<UUID> best = ranking.stream().limit(12).map(RankedStrategy::strategyId).toList();
    double[][] among = new double[12][12];
    among[0][2] = 0.9;
    CycleScored scored =
        Fixtures.scored(
            cycleId,
            N,
            ranking,
            Fixtures.overfitting(N, 0.1),
            Correlations.of(best, List.of(), among, new double[12][0]));
    EventEnvelope<CycleScored> scoredEvent =
        kafka().publish(EventCatalog.CYCLE_SCORED, cycleId.toString(), scored, correlationId);

    // on an empty live set the gates and the greedy correlation rule promote ranks 1, 2, 4, 5, 6
    List<RankedStrategy> expected =
        ranking.stream().filter(r -> r.rank() <= 6 && r.rank() != 3).toList();
    Map<UUID, BacktestCompleted> byStrategy =
        results.stream()
            .map(EventEnvelope::data)
            .collect(Collectors.toMap(BacktestCompleted::strategyId, Function.identity()));

    // 6. cycle.completed, after the strategy.promoted events, with a verdict on every candidate
    EventEnvelope<CycleCompleted> completed =
        kafka()
            .awaitEvents(
                EventCatalog.CYCLE_COMPLETED, e -> e.data().cycleId().equals(cycleId), 1, WAIT)
            .getFirst();
    assertThat(completed.causationId()).isEqualTo(scoredEvent.id().toString());
    assertThat(completed.correlationId()).isEqualTo(correlationId);
    CycleCompleted outcome = completed.data();
    assertThat(outcome.status()).isEqualTo("COMPLETED");
    assertThat(outcome.candidates()).isEqualTo(N);
    assertThat(outcome.backtested()).isEqualTo(N);
    assertThat(outcome.failed()).isZero();
    assertThat(outcome.promoted())
        .containsExactlyElementsOf(expected.stream().map(RankedStrategy::strategyId).toList());
    assertThat(outcome.demoted()).isEmpty();
    assertThat(outcome.liveCount()).isEqualTo(5);
    assertThat(outcome.cap()).isEqualTo(35);
    assertThat(outcome.summary())
        .isEqualTo(
            "promoted 5 of 60 candidates (54 rejected by the gates, 1 too correlated with the live"
                + " set); live 5 of 35");
    assertThat(outcome.verdicts()).hasSize(N);
    assertThat(outcome.verdicts()).extracting(CandidateVerdict::rank).isSorted();
    CandidateVerdict third = outcome.verdicts().get(2);
    assertThat(third.strategyId()).isEqualTo(best.get(2));
    assertThat(third.outcome()).isEqualTo("CORRELATED");
    assertThat(third.reason())
        .isEqualTo("not promoted: |correlation| 0.90 with candidate " + best.get(0) + " >= 0.70");
    assertThat(outcome.verdicts().subList(6, N))
        .allSatisfy(
            v -> {
              assertThat(v.outcome()).isEqualTo("REJECTED_BY_GATES");
              assertThat(v.reason()).startsWith("rejected: DSR 0.41 < 0.95 (N = 4,200 trials)");
            });

    List<EventEnvelope<StrategyPromoted>> promoted =
        kafka()
            .awaitEvents(
                EventCatalog.STRATEGY_PROMOTED,
                e -> e.data().cycleId().equals(cycleId),
                expected.size(),
                WAIT);
    Map<UUID, EventEnvelope<StrategyPromoted>> promotedById =
        promoted.stream().collect(Collectors.toMap(e -> e.data().strategyId(), e -> e));
    for (int i = 0; i < expected.size(); i++) {
      RankedStrategy r = expected.get(i);
      EventEnvelope<StrategyPromoted> e = promotedById.get(r.strategyId());
      StrategyPromoted p = e.data();
      BacktestCompleted result = byStrategy.get(r.strategyId());
      assertThat(e.causationId()).isEqualTo(scoredEvent.id().toString());
      assertThat(e.subject()).isEqualTo(r.strategyId().toString());
      assertThat(p.liveCount()).isEqualTo(i + 1).isLessThanOrEqualTo(p.cap());
      assertThat(p.rank()).isEqualTo(r.rank());
      assertThat(p.score()).isEqualTo(r.score());
      assertThat(p.metrics()).isEqualTo(result.metrics());
      assertThat(p.dataset().datasetId()).isEqualTo("aapl-1d-2013");
      assertThat(integers(p.strategy().parameters()))
          .isEqualTo(integers(result.strategy().parameters()));
      assertThat(p.execution()).isEqualTo(started.data().execution());
      // the baseline monitoring compares with: 252 daily bars and 252 points a year, 60 trades
      // over 3 years
      CandidateStatistics s = r.statistics();
      assertThat(p.expected().barsPerPoint()).isEqualTo(1);
      assertThat(p.expected().tradesPerYear()).isEqualTo(20.0);
      assertThat(p.expected().pointsPerYear()).isEqualTo(252);
      assertThat(p.expected().sharpe()).isEqualTo(s.sharpe());
      assertThat(p.expected().annualReturn()).isEqualTo(s.annualReturn());
      assertThat(p.expected().volatility()).isEqualTo(s.volatility());
      assertThat(p.expected().maxDrawdown()).isEqualTo(s.maxDrawdown());
      assertThat(p.expected().meanReturn()).isEqualTo(s.meanReturn());
      assertThat(p.expected().returnStdev()).isEqualTo(s.returnStdev());
      assertThat(p.expected().deflatedSharpe()).isEqualTo(dsr(r.rank()));
      assertThat(p.reason())
          .startsWith(
              String.format(
                  Locale.ROOT, "promoted: rank %d of 60, score %.4f; ", r.rank(), r.score()))
          .contains(
              String.format(Locale.ROOT, "DSR %.2f >= 0.95 (N = 4,200 trials)", dsr(r.rank())))
          .contains("max drawdown 10.0% <= 20.0%")
          .contains("60 trades >= " + promotions.rules().minTrades())
          .endsWith("; live " + (i + 1) + " of 35");
      // the deployment history holds the change with the event's id
      assertThat(
              Fixtures.queryLong(
                  "select count(*) from deployment where strategy_id = ? and action = 'PROMOTED'"
                      + " and cycle_id = ? and event_id = ? and reason = ?",
                  r.strategyId(),
                  cycleId,
                  e.id(),
                  p.reason()))
          .isEqualTo(1);
    }

    // 7. the API shows the outcome
    JsonPath cycle =
        given().get("/api/v1/cycles/{id}", cycleId).then().statusCode(200).extract().jsonPath();
    assertThat(cycle.getString("status")).isEqualTo("COMPLETED");
    assertThat(cycle.getString("correlationId")).isEqualTo(correlationId);
    assertThat(cycle.getLong("seed")).isEqualTo(SEED);
    assertThat(cycle.getInt("counts.candidates")).isEqualTo(N);
    assertThat(cycle.getInt("counts.backtested")).isEqualTo(N);
    assertThat(cycle.getInt("counts.failed")).isZero();
    assertThat(cycle.getInt("counts.promoted")).isEqualTo(expected.size());
    assertThat(cycle.getInt("counts.demoted")).isZero();
    assertThat(cycle.getString("summary")).isEqualTo(outcome.summary());
    assertThat(cycle.getString("completedAt")).isNotNull();

    JsonPath live =
        given()
            .queryParam("status", "LIVE")
            .queryParam("cycleId", cycleId.toString())
            .get("/api/v1/strategies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(live.getLong("total")).isEqualTo(expected.size());
    assertThat(live.getList("items.id", String.class))
        .containsExactlyElementsOf(expected.stream().map(r -> r.strategyId().toString()).toList());
    assertThat(live.getList("items.symbol", String.class)).containsOnly("AAPL");
    assertThat(live.getList("items.promotedAt", String.class)).doesNotContainNull();
    assertThat(live.getList("items.metrics.sharpe", Double.class)).doesNotContainNull();

    // every candidate that was not promoted keeps its reason
    JsonPath others =
        given()
            .queryParam("status", "CANDIDATE")
            .queryParam("cycleId", cycleId.toString())
            .queryParam("size", 100)
            .get("/api/v1/strategies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(others.getLong("total")).isEqualTo(N - expected.size());
    List<Map<String, Object>> items = others.getList("items");
    for (Map<String, Object> item : items) {
      assertThat((String) item.get("reason")).isNotBlank();
      assertThat(item.get("statistics")).isNotNull();
      if ((Integer) item.get("rank") > 6) {
        assertThat((String) item.get("reason"))
            .startsWith("rejected: DSR 0.41 < 0.95 (N = 4,200 trials)");
      }
    }

    // one strategy in full, with its backtest run
    String first = expected.getFirst().strategyId().toString();
    JsonPath one =
        given().get("/api/v1/strategies/{id}", first).then().statusCode(200).extract().jsonPath();
    assertThat(one.getString("status")).isEqualTo("LIVE");
    assertThat(one.getInt("rank")).isEqualTo(expected.getFirst().rank());
    assertThat(one.getString("backtest.status")).isEqualTo("COMPLETED");
    assertThat(one.getLong("backtest.durationMillis")).isGreaterThanOrEqualTo(0);
    assertThat(one.getString("reason")).startsWith("promoted: rank 1 of 60");
    assertThat(one.getDouble("statistics.deflatedSharpe")).isCloseTo(0.99, within(1e-6));

    // 8. the ranking redelivered (same ce_id), and a second ranking of the decided cycle, change
    // nothing
    kafka().publish(EventCatalog.CYCLE_SCORED, scoredEvent);
    kafka().publish(EventCatalog.CYCLE_SCORED, cycleId.toString(), scored, correlationId);
    Fixtures.awaitProcessedUpTo(Topics.CYCLE_SCORED, cycleId.toString());
    Fixtures.awaitOutboxDrained();
    assertThat(
            kafka()
                .readEvents(EventCatalog.CYCLE_COMPLETED, e -> e.data().cycleId().equals(cycleId)))
        .hasSize(1);
    assertThat(
            kafka()
                .readEvents(
                    EventCatalog.STRATEGY_PROMOTED, e -> e.data().cycleId().equals(cycleId)))
        .hasSize(expected.size());
    assertThat(Fixtures.liveCount()).isEqualTo(expected.size());
    assertThat(
            given()
                .get("/api/v1/cycles/{id}", cycleId)
                .then()
                .statusCode(200)
                .extract()
                .<Integer>path("counts.promoted"))
        .isEqualTo(expected.size());
  }

  /** The deflated Sharpe ratio the lifecycle's ranking gives the best six: 0.99 down to 0.97. */
  private static double dsr(int rank) {
    return 0.99 - 0.004 * (rank - 1);
  }

  private static Map<String, Integer> integers(Map<String, Number> values) {
    Map<String, Integer> map = new HashMap<>();
    values.forEach((k, v) -> map.put(k, v.intValue()));
    return map;
  }

  /** The engine alone on the dataset's file: what the worker must have computed. */
  private static Evaluation backtestOnFile(StrategyTemplate template, Map<String, Number> p)
      throws Exception {
    try (InputStream in =
        Thread.currentThread()
            .getContextClassLoader()
            .getResourceAsStream("appleinc_bars_from_20130101_usd.csv")) {
      List<OhlcvBar> bars = CsvBars.read(in, ZoneOffset.UTC);
      Evaluator evaluator =
          new Evaluator(new IndicatorSet(BarArrays.of("file", bars, Duration.ofDays(1))), 252);
      return evaluator.evaluate(
          template, Parameters.of(integers(p)), ExecutionModel.defaults(), null, SEED);
    }
  }

  /** What the consumer does for an event, called from a plain thread. */
  private Void decideDirectly(EventEnvelope<CycleScored> ranking) throws Exception {
    try {
      return VertxContextSupport.subscribeAndAwait(
          () -> Panache.withTransaction(() -> promotions.decide(ranking)));
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * The cap under concurrency: many cycles decided at once, some through the broker, some by direct
   * calls from several threads, while a watcher counts live rows. Runs after the lifecycle (which
   * left at most 5 live) and leaves the live set full.
   */
  @Test
  @Order(2)
  void promotionNeverExceedsCap() throws Exception {
    List<UUID> cycles = new ArrayList<>();
    for (int k = 0; k < CYCLES; k++) {
      cycles.add(Fixtures.startCycle(CANDIDATES, 1000 + k, "corr-cap-" + k));
    }
    List<EventEnvelope<CycleScored>> rankings = new ArrayList<>();
    for (int k = 0; k < CYCLES; k++) {
      UUID cycleId = cycles.get(k);
      List<EventEnvelope<BacktestCompleted>> results = Fixtures.awaitBacktests(cycleId, CANDIDATES);
      // scores from 0.6 to 3.0, drawn per cycle, so that later cycles replace weaker strategies
      Random random = new Random(k);
      Map<UUID, Double> scores = new HashMap<>();
      results.forEach(e -> scores.put(e.data().strategyId(), 0.6 + 2.4 * random.nextDouble()));
      CycleScored scored =
          Fixtures.rank(
              cycleId,
              CANDIDATES,
              results,
              r -> scores.get(r.strategyId()),
              r -> Stats.passing().build());
      rankings.add(
          EventEnvelope.create(
              EventCatalog.CYCLE_SCORED,
              "/test",
              cycleId.toString(),
              "corr-cap-" + k,
              null,
              scored));
    }
    long liveBefore = Fixtures.liveCount();

    AtomicBoolean watching = new AtomicBoolean(true);
    AtomicLong maxLive = new AtomicLong();
    Thread watcher =
        new Thread(
            () -> {
              try (Connection c = Fixtures.database();
                  PreparedStatement count =
                      c.prepareStatement("select count(*) from strategy where status = 'LIVE'")) {
                while (watching.get()) {
                  try (ResultSet r = count.executeQuery()) {
                    r.next();
                    maxLive.accumulateAndGet(r.getLong(1), Math::max);
                  }
                  Thread.sleep(5);
                }
              } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException("the live-set watcher failed", e);
              }
            });
    watcher.start();
    // Cycles 0..4 through the broker, 5..8 by direct calls on four threads, all at once.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int k = 0; k < 5; k++) {
        kafka().publish(EventCatalog.CYCLE_SCORED, rankings.get(k));
      }
      List<Future<?>> direct = new ArrayList<>();
      for (int k = 5; k < CYCLES; k++) {
        EventEnvelope<CycleScored> ranking = rankings.get(k);
        direct.add(pool.submit(() -> decideDirectly(ranking)));
      }
      for (Future<?> f : direct) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      Set<UUID> ids = Set.copyOf(cycles);
      List<EventEnvelope<CycleCompleted>> completed =
          kafka()
              .awaitEvents(
                  EventCatalog.CYCLE_COMPLETED,
                  e -> ids.contains(e.data().cycleId()),
                  CYCLES,
                  WAIT);
      Fixtures.awaitOutboxDrained();
      watching.set(false);
      watcher.join();

      int promotedCount = completed.stream().mapToInt(e -> e.data().promoted().size()).sum();
      int demotedCount = completed.stream().mapToInt(e -> e.data().demoted().size()).sum();
      List<StrategyPromoted> promotedEvents =
          kafka()
              .awaitEvents(
                  EventCatalog.STRATEGY_PROMOTED,
                  e -> ids.contains(e.data().cycleId()),
                  promotedCount,
                  WAIT)
              .stream()
              .map(EventEnvelope::data)
              .toList();
      List<StrategyDemoted> demotedEvents =
          kafka()
              .awaitEvents(
                  EventCatalog.STRATEGY_DEMOTED,
                  e -> e.data().cycleId() != null && ids.contains(e.data().cycleId()),
                  demotedCount,
                  WAIT)
              .stream()
              .map(EventEnvelope::data)
              .toList();

      long liveAfter = Fixtures.liveCount();
      assertThat(maxLive.get()).as("live rows ever seen").isLessThanOrEqualTo(CAP);
      assertThat(liveAfter).isEqualTo(liveBefore + promotedCount - demotedCount);
      // 9 cycles of up to 12 promotions each overflow the cap: it is reached, and held by
      // replacing the weakest
      assertThat(liveAfter).isEqualTo(CAP);
      assertThat(demotedCount).isPositive();
      assertThat(promotedEvents)
          .allSatisfy(p -> assertThat(p.liveCount()).isLessThanOrEqualTo(CAP));
      assertThat(completed)
          .allSatisfy(
              e -> {
                assertThat(e.data().liveCount()).isLessThanOrEqualTo(CAP);
                assertThat(e.data().promoted().size()).isLessThanOrEqualTo(CANDIDATES);
              });
      assertThat(demotedEvents)
          .allSatisfy(
              d -> {
                assertThat(d.replacedBy()).isNotNull();
                assertThat(d.reason())
                    .matches(
                        "replaced: live set full \\(35 of 35\\) and [0-9a-f-]{36} scores"
                            + " \\d+\\.\\d{4} > \\d+\\.\\d{4} \\+ margin 0\\.0500");
              });
      // the events tell the same story as the rows
      Set<UUID> promotedIds =
          promotedEvents.stream().map(StrategyPromoted::strategyId).collect(Collectors.toSet());
      Set<UUID> demotedIds =
          demotedEvents.stream().map(StrategyDemoted::strategyId).collect(Collectors.toSet());
      for (UUID id : promotedIds) {
        String status = demotedIds.contains(id) ? "RETIRED" : "LIVE";
        assertThat(
                Fixtures.queryLong(
                    "select count(*) from strategy where id = ? and status = ?", id, status))
            .as("strategy %s is %s", id, status)
            .isEqualTo(1);
      }
      assertThat(
              Fixtures.queryLong(
                  "select count(*) from (select 1 from strategy where status = 'LIVE'"
                      + " group by template, dataset_id, parameters_fingerprint having count(*) > 1) d"))
          .isZero();
    } finally {
      watching.set(false);
      pool.shutdownNow();
    }
  }
}

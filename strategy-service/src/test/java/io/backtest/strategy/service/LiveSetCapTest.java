package io.backtest.strategy.service;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.backtest.strategy.LiveSetFixtures.all;
import static io.backtest.strategy.LiveSetFixtures.decide;
import static io.backtest.strategy.LiveSetFixtures.ranking;
import static io.backtest.strategy.LiveSetFixtures.seedCycle;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.strategy.Fixtures;
import io.backtest.strategy.Fixtures.Stats;
import io.backtest.strategy.LiveSetFixtures;
import io.backtest.strategy.LiveSetFixtures.SeededCycle;
import io.backtest.strategy.LiveSetProfile;
import io.backtest.strategy.config.PromotionConfig;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.CycleRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.DeploymentRepository;
import io.backtest.strategy.repository.LiveLimitRepository.LiveLimit;
import io.backtest.strategy.repository.MarketRegimeRepository;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.messaging.Outbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cap on the live set, held by the Java code (the live-set lock and the gate) and by PostgreSQL
 * itself (the live_limit row, its trigger and its check constraint), under concurrency.
 */
@QuarkusTest
@TestProfile(LiveSetProfile.class)
class LiveSetCapTest {
  private static final int CAP = 35;

  @Inject PromotionService promotions;
  @Inject LiveLimitBootstrap bootstrap;
  @Inject PromotionConfig config;
  @Inject CycleRepository cycles;
  @Inject StrategyRepository strategies;
  @Inject BacktestRunRepository runs;
  @Inject DatasetRepository datasets;
  @Inject DeploymentRepository deployments;
  @Inject MarketRegimeRepository marketRegimes;
  @Inject LiveSetChanges changes;
  @Inject Outbox outbox;
  @Inject PlatformConfig platform;
  @Inject ParameterCipher cipher;

  @TestHTTPResource("/")
  URL base;

  @BeforeEach
  void emptyLiveSet() throws Throwable {
    LiveSetFixtures.resetLiveSet();
    sync(CAP);
  }

  @Test
  void liveCountNeverExceedsCapWhileCyclesAndOperatorsRace() throws Exception {
    // 30 live; six ranked (rejected) strategies an operator can promote; two cycles of eight
    // passing candidates each, all better than every live strategy
    SeededCycle thirty = seedCycle(30);
    double[] scores = new double[30];
    for (int i = 0; i < 30; i++) {
      scores[i] = 0.79 - 0.01 * i;
    }
    decide(promotions, ranking(thirty, thirty.strategyIds(), scores, all(30, Stats.passing())));
    assertThat(Fixtures.liveCount()).isEqualTo(30);
    SeededCycle manual = seedCycle(6);
    decide(
        promotions,
        ranking(
            manual,
            manual.strategyIds(),
            new double[] {0.4, 0.39, 0.38, 0.37, 0.36, 0.35},
            all(6, Stats.noise())));
    SeededCycle b = seedCycle(8);
    SeededCycle c = seedCycle(8);
    double[] bScores = {0.95, 0.94, 0.93, 0.92, 0.91, 0.9, 0.89, 0.88};
    double[] cScores = {0.945, 0.935, 0.925, 0.915, 0.905, 0.895, 0.885, 0.875};
    var bRanking = ranking(b, b.strategyIds(), bScores, all(8, Stats.passing()));
    var cRanking = ranking(c, c.strategyIds(), cScores, all(8, Stats.passing()));

    AtomicBoolean watching = new AtomicBoolean(true);
    AtomicLong maxLive = new AtomicLong();
    Thread watcher = watch(watching, maxLive);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    HttpClient http = HttpClient.newHttpClient();
    List<Future<?>> decisions = new ArrayList<>();
    List<Future<HttpResponse<String>>> operators = new ArrayList<>();
    try {
      decisions.add(pool.submit(after(go, () -> decideQuietly(bRanking))));
      decisions.add(pool.submit(after(go, () -> decideQuietly(cRanking))));
      for (UUID id : manual.strategyIds()) {
        operators.add(
            pool.submit(
                after(
                    go,
                    () ->
                        http.send(
                            HttpRequest.newBuilder(
                                    URI.create(
                                        base.toString().replaceAll("/+$", "")
                                            + "/api/v1/strategies/"
                                            + id
                                            + "/promote"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"race\"}"))
                                .build(),
                            HttpResponse.BodyHandlers.ofString()))));
      }
      go.countDown();
      for (Future<?> f : decisions) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : operators) {
        answers.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      watching.set(false);
      watcher.join();

      assertThat(maxLive.get()).as("live rows ever seen").isLessThanOrEqualTo(CAP);
      assertThat(Fixtures.liveCount()).isEqualTo(CAP);
      // each operator either got a free place or was told the live set is full
      long promoted = answers.stream().filter(r -> r.statusCode() == 200).count();
      assertThat(answers)
          .allSatisfy(
              r -> {
                assertThat(r.statusCode()).isIn(200, 409);
                if (r.statusCode() == 409) {
                  assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                      .startsWith("application/problem+json");
                  assertThat(r.body()).contains("\"detail\":\"live set full (35 of 35)\"");
                }
              });
      assertThat(promoted).isBetween(0L, 5L);
      for (UUID cycleId : List.of(b.cycleId(), c.cycleId())) {
        CycleCompleted completed =
            kafka()
                .awaitEvents(
                    EventCatalog.CYCLE_COMPLETED, e -> e.data().cycleId().equals(cycleId), 1, WAIT)
                .getFirst()
                .data();
        assertThat(completed.liveCount()).isLessThanOrEqualTo(CAP);
      }
      // the history replayed is the live set, and the database's count agrees with the rows
      assertThat(LiveSetFixtures.replayedLiveSet()).isEqualTo(LiveSetFixtures.liveIds());
      assertThat(Fixtures.queryLong("select live from live_limit")).isEqualTo(CAP);
      // the sixteen best candidates are live: both cycles were decided on the whole live set
      assertThat(LiveSetFixtures.liveIds())
          .containsAll(b.strategyIds())
          .containsAll(c.strategyIds());
    } finally {
      watching.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  void databaseRefusesLiveRowsBeyondTheCapWhoeverWritesThem() throws Throwable {
    SeededCycle c = seedCycle(12);
    Fixtures.execute("update live_limit set cap = 5");
    try {
      // twelve connections at once, bypassing the service and its lock
      ExecutorService pool = Executors.newFixedThreadPool(12);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> outcomes = new ArrayList<>();
      for (UUID id : c.strategyIds()) {
        outcomes.add(
            pool.submit(
                after(
                    go,
                    () -> {
                      try (Connection db = Fixtures.database();
                          PreparedStatement s =
                              db.prepareStatement(
                                  "update strategy set status = 'LIVE', score = 0.5, promoted_at"
                                      + " = now() where id = ?")) {
                        s.setObject(1, id);
                        s.executeUpdate();
                        return "ok";
                      } catch (SQLException e) {
                        return e.getSQLState() + " " + e.getMessage();
                      }
                    })));
      }
      go.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> f : outcomes) {
        results.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertThat(results).filteredOn("ok"::equals).hasSize(5);
      assertThat(results)
          .filteredOn(r -> !r.equals("ok"))
          .hasSize(7)
          .allSatisfy(r -> assertThat(r).startsWith("23514 ").contains("\"live_limit_cap\""));
      assertThat(Fixtures.liveCount()).isEqualTo(5);

      // one statement for the other seven: refused as a whole
      List<UUID> rest =
          Fixtures.queryUuids(
              "select id from strategy where cycle_id = ? and status <> 'LIVE'", c.cycleId());
      try (Connection db = Fixtures.database();
          PreparedStatement s =
              db.prepareStatement(
                  "update strategy set status = 'LIVE', score = 0.5, promoted_at = now()"
                      + " where id = any(?)")) {
        Array ids = db.createArrayOf("uuid", rest.toArray());
        s.setArray(1, ids);
        assertThat(catchSqlState(s::executeUpdate)).isEqualTo("23514");
      }
      // a transaction that demotes one and promotes two: the second promotion fails it all
      List<UUID> live = new ArrayList<>(LiveSetFixtures.liveIds());
      try (Connection db = Fixtures.database()) {
        db.setAutoCommit(false);
        try (PreparedStatement demote =
                db.prepareStatement("update strategy set status = 'RETIRED' where id = ?");
            PreparedStatement promote =
                db.prepareStatement(
                    "update strategy set status = 'LIVE', score = 0.5, promoted_at = now()"
                        + " where id = ?")) {
          demote.setObject(1, live.getFirst());
          demote.executeUpdate();
          promote.setObject(1, rest.get(0));
          promote.executeUpdate();
          promote.setObject(1, rest.get(1));
          assertThat(catchSqlState(promote::executeUpdate)).isEqualTo("23514");
        }
        db.rollback();
      }
      // an insert of a live row counts too
      assertThat(
              catchSqlState(
                  () ->
                      Fixtures.insertStrategy(
                          UUID.randomUUID(),
                          c.cycleId(),
                          "{\"fast\":1,\"slow\":2}",
                          "LIVE",
                          Timestamp.from(Instant.now()))))
          .isEqualTo("23514");
      assertThat(Fixtures.liveCount()).isEqualTo(5);
      assertThat(Fixtures.queryLong("select live from live_limit")).isEqualTo(5);
      // deleting a live row frees its place
      Fixtures.execute("delete from backtest_run where strategy_id = ?", live.getFirst());
      Fixtures.execute("delete from strategy where id = ?", live.getFirst());
      assertThat(Fixtures.queryLong("select live from live_limit")).isEqualTo(4);
    } finally {
      LiveSetFixtures.resetLiveSet();
      assertThat(sync(CAP)).isEqualTo(new LiveLimit(CAP, 0, 0));
    }
  }

  @Test
  void aLoweredCapKeepsTheLiveSetAndRefusesPromotionsUntilThereIsRoom() throws Throwable {
    SeededCycle four = seedCycle(4);
    decide(
        promotions,
        ranking(
            four, four.strategyIds(), new double[] {0.9, 0.8, 0.7, 0.6}, all(4, Stats.passing())));
    SeededCycle spare = seedCycle(2);
    decide(
        promotions,
        ranking(spare, spare.strategyIds(), new double[] {0.3, 0.2}, all(2, Stats.noise())));
    try {
      // a start-up with cap 2: the four stay live, two of them above the cap
      assertThat(sync(2)).isEqualTo(new LiveLimit(2, 2, 4));
      assertThat(Fixtures.liveCount()).isEqualTo(4);

      // a gate configured with cap 2 promotes nothing, and says why
      SeededCycle next = seedCycle(2);
      decide(
          withCap(2),
          ranking(next, next.strategyIds(), new double[] {0.99, 0.98}, all(2, Stats.passing())));
      CycleCompleted completed =
          kafka()
              .awaitEvents(
                  EventCatalog.CYCLE_COMPLETED,
                  e -> e.data().cycleId().equals(next.cycleId()),
                  1,
                  WAIT)
              .getFirst()
              .data();
      assertThat(completed.promoted()).isEmpty();
      assertThat(completed.verdicts())
          .allSatisfy(
              v ->
                  assertThat(v.reason())
                      .isEqualTo(
                          "not promoted: the live set holds 4 strategies, more than the cap 2"
                              + " (lowered while they were live); no promotion until fewer than 2"
                              + " are live"));
      assertThat(completed.summary()).endsWith("; live 4 of 2");

      // this instance still says 35, the database refuses: 409 with the database's numbers
      UUID candidate = spare.strategy(0);
      promote(candidate).statusCode(409).body("detail", equalTo("live set full (4 of 2)"));
      assertThat(
              Fixtures.queryLong(
                  "select count(*) from deployment where strategy_id = ?", candidate))
          .isZero();
      assertThat(
              Fixtures.queryLong(
                  "select count(*) from strategy where id = ? and status = 'CANDIDATE'", candidate))
          .isEqualTo(1);
      demote(four.strategy(0)).statusCode(200);
      promote(candidate).statusCode(409).body("detail", equalTo("live set full (3 of 2)"));
      demote(four.strategy(1)).statusCode(200);
      demote(four.strategy(2)).statusCode(200);
      assertThat(Fixtures.queryLong("select over_cap from live_limit")).isZero();
      promote(candidate).statusCode(200).body("liveCount", equalTo(2));
      promote(spare.strategy(1)).statusCode(409).body("detail", equalTo("live set full (2 of 2)"));
      assertThat(Fixtures.liveCount()).isEqualTo(2);
      assertThat(LiveSetFixtures.replayedLiveSet()).isEqualTo(LiveSetFixtures.liveIds());
    } finally {
      LiveSetFixtures.resetLiveSet();
      assertThat(sync(CAP)).isEqualTo(new LiveLimit(CAP, 0, 0));
    }
  }

  private static io.restassured.response.ValidatableResponse promote(UUID id) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"cap test\"}")
        .post("/api/v1/strategies/{id}/promote", id)
        .then();
  }

  private static io.restassured.response.ValidatableResponse demote(UUID id) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"cap test\"}")
        .post("/api/v1/strategies/{id}/demote", id)
        .then();
  }

  private LiveLimit sync(int cap) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(() -> bootstrap.sync(cap));
  }

  /** The gate as a service configured with another cap would run it. */
  private PromotionService withCap(int cap) {
    // a proxy, not a subclass: the mapping's validation annotations would make one a CDI bean
    PromotionConfig lowered =
        (PromotionConfig)
            Proxy.newProxyInstance(
                PromotionConfig.class.getClassLoader(),
                new Class<?>[] {PromotionConfig.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("cap")) {
                    return cap;
                  }
                  if (method.isDefault()) {
                    return InvocationHandler.invokeDefault(proxy, method, args);
                  }
                  return method.invoke(config, args);
                });
    assertThat(lowered.rules()).isEqualTo(config.rules().withCap(cap));
    return new PromotionService(
        cycles,
        strategies,
        runs,
        datasets,
        deployments,
        marketRegimes,
        changes,
        outbox,
        platform,
        cipher,
        lowered);
  }

  private Void decideQuietly(io.backtest.contracts.events.CycleScored ranking) {
    decide(promotions, ranking);
    return null;
  }

  private static <T> Callable<T> after(CountDownLatch go, Callable<T> task) {
    return () -> {
      go.await();
      return task.call();
    };
  }

  private interface SqlAction {
    void run() throws Exception;
  }

  /** The SQLSTATE the action failed with; fails the test when it succeeds. */
  private static String catchSqlState(SqlAction action) {
    try {
      action.run();
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException sql) {
          return sql.getSQLState();
        }
      }
      throw new AssertionError("failed without an SQLException", e);
    }
    throw new AssertionError("the database accepted it");
  }

  /** Counts live rows every few milliseconds on a connection of its own. */
  private static Thread watch(AtomicBoolean watching, AtomicLong maxLive) {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    Thread watcher =
        new Thread(
            () -> {
              try (Connection db = Fixtures.database();
                  PreparedStatement count =
                      db.prepareStatement("select count(*) from strategy where status = 'LIVE'")) {
                while (watching.get()) {
                  try (ResultSet r = count.executeQuery()) {
                    r.next();
                    maxLive.accumulateAndGet(r.getLong(1), Math::max);
                  }
                  Thread.sleep(2);
                }
              } catch (SQLException | InterruptedException e) {
                errors.add(e);
                maxLive.set(Long.MAX_VALUE);
              }
            });
    watcher.start();
    return watcher;
  }
}

package io.backtest.scoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.backtest.contracts.EventType;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BarWindow;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.contracts.events.FoldSummary;
import io.backtest.contracts.events.GateCheck;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.engine.selection.CycleScore;
import io.backtest.engine.selection.CycleScorer;
import io.backtest.engine.selection.ScoringInput;
import io.backtest.engine.selection.TrialHistory;
import io.backtest.support.testing.TestKafka;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Events as strategy-service publishes them, and ways to watch the service work. */
public final class ScoringFixtures {
  /** Generous: the machine is shared and loaded. */
  public static final Duration WAIT = Duration.ofSeconds(60);

  public static final DatasetRef DATASET = new DatasetRef("aapl-1d-2013", "AAPL", "1d", 252);

  /** The walk-forward analysis of the fixtures' walk-forward results. */
  public static final WalkForwardSettings ROLLING =
      new WalkForwardSettings("rolling", 120, 40, 40, "grid", 50, "sharpe");

  /** Points of the fixtures' return series: 6 a CSCV block at the default 16 blocks. */
  public static final int POINTS = 96;

  public static final ExecutionSettings EXECUTION =
      new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, 10_000);
  public static final String TEMPLATE = "sma-crossover";
  public static final Provenance PROVENANCE = new Provenance("5e".repeat(32), 42L, "0.1.0");

  private ScoringFixtures() {}

  /** Makes rest-assured read JSON decimals as doubles, so they compare exactly. */
  public static void readDecimalsAsDoubles() {
    RestAssured.config =
        RestAssured.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
  }

  /** A fresh id, starting with the given hex digit (to control the tie-break order). */
  public static UUID idStartingWith(char hexDigit) {
    return UUID.fromString(hexDigit + UUID.randomUUID().toString().substring(1));
  }

  /**
   * The dataset of a cycle's fixtures: the same data, on an instrument (symbol) of the cycle's own,
   * so that the trial ledger of one test's cycle never holds another's trials.
   */
  public static DatasetRef dataset(UUID cycleId) {
    return new DatasetRef(DATASET.datasetId(), "T" + cycleId, DATASET.timeframe(), 252);
  }

  public static CycleStarted cycleStarted(UUID cycleId, List<UUID> strategyIds) {
    return cycleStarted(cycleId, strategyIds, dataset(cycleId), null, null);
  }

  /** A cycle on {@code dataset}, with a walk-forward analysis and scoring weights, or null. */
  public static CycleStarted cycleStarted(
      UUID cycleId,
      List<UUID> strategyIds,
      DatasetRef dataset,
      WalkForwardSettings walkForward,
      ScoringWeights weights) {
    return new CycleStarted(
        cycleId,
        dataset,
        List.of(TEMPLATE),
        strategyIds.size(),
        42L,
        strategyIds,
        EXECUTION,
        walkForward,
        weights,
        Instant.parse("2026-03-02T09:00:00Z"));
  }

  /**
   * {@link #POINTS} returns whose sample Sharpe ratio, annualised with 252 points a year, is
   * exactly {@code annualSharpe} (up to the events' binary32 encoding): Gaussian noise of the given
   * seed, standardised to sample mean 0 and standard deviation 1, then scaled to a standard
   * deviation of 1 % and shifted to the mean {@code annualSharpe / √252 × 1 %}. Different seeds
   * give differently shaped (and so imperfectly correlated) series.
   */
  public static double[] returns(double annualSharpe, long seed) {
    Random random = new Random(seed);
    double[] z = new double[POINTS];
    double mean = 0;
    for (int i = 0; i < POINTS; i++) {
      z[i] = random.nextGaussian();
      mean += z[i] / POINTS;
    }
    double squares = 0;
    for (int i = 0; i < POINTS; i++) {
      z[i] -= mean;
      squares += z[i] * z[i];
    }
    double sd = Math.sqrt(squares / (POINTS - 1));
    double sigma = 0.01;
    double mu = annualSharpe / Math.sqrt(252) * sigma;
    double[] r = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      r[i] = mu + sigma * z[i] / sd;
    }
    return r;
  }

  /** The fixture series of a result with these metrics' inputs (same inputs, same series). */
  public static ReturnSeries returnsFor(double sharpe, double maxDrawdown, int trades) {
    return ReturnSeries.of(returns(sharpe, Objects.hash(sharpe, maxDrawdown, trades)));
  }

  /**
   * Metrics whose score is {@code sharpe × (1 − maxDrawdown)}; the other fields are derived from
   * the inputs so that each result's metrics are recognisable, null where the contract says they
   * are undefined (no drawdown, no trades).
   */
  public static BacktestMetrics metrics(double sharpe, double maxDrawdown, int trades) {
    return new BacktestMetrics(
        sharpe / 5,
        sharpe / 7,
        sharpe,
        sharpe * 1.25,
        maxDrawdown,
        trades + 20,
        maxDrawdown == 0 ? null : sharpe / 7 / maxDrawdown,
        0.2,
        trades,
        0.5,
        trades == 0 ? null : 1.5,
        trades == 0 ? null : 150.0,
        trades == 0 ? null : -100.0,
        trades == 0 ? null : 25.0,
        0.4,
        -0.25,
        3.5,
        252);
  }

  /**
   * A completed backtest without walk-forward analysis whose metrics say {@code sharpe}, {@code
   * maxDrawdown} and {@code trades} and whose returns have that Sharpe ratio ({@link #returnsFor}).
   */
  public static BacktestCompleted completed(
      UUID cycleId, UUID strategyId, double sharpe, double maxDrawdown, int trades) {
    return completed(
        cycleId,
        strategyId,
        UUID.randomUUID(),
        metrics(sharpe, maxDrawdown, trades),
        returnsFor(sharpe, maxDrawdown, trades),
        null);
  }

  /** A completed backtest with the given return series and walk-forward analysis (or null). */
  public static BacktestCompleted completed(
      UUID cycleId,
      UUID strategyId,
      UUID backtestId,
      BacktestMetrics metrics,
      ReturnSeries returns,
      WalkForwardSummary walkForward) {
    return completed(
        cycleId, strategyId, backtestId, dataset(cycleId), metrics, returns, walkForward);
  }

  /**
   * A walk-forward result on {@code dataset}: three folds, the second losing out of sample
   * (consistency 2/3), the first out-of-sample bar 120, {@code trials} parameter sets tried, and
   * stitched returns with the annual Sharpe ratio {@code annualSharpe} (noise of {@code seed}).
   */
  public static BacktestCompleted walkForwardCompleted(
      UUID cycleId,
      UUID strategyId,
      DatasetRef dataset,
      int trials,
      double annualSharpe,
      long seed) {
    WalkForwardSummary wf =
        new WalkForwardSummary(
            ROLLING,
            List.of(
                fold(0, 0, 120, 160, 12, 1.9, 0.7),
                fold(1, 40, 160, 200, 10, 2.4, -0.3),
                fold(2, 80, 200, 240, 14, 1.1, 0.5)),
            trials,
            trials * 3,
            0.42);
    return completed(
        cycleId,
        strategyId,
        UUID.randomUUID(),
        dataset,
        metrics(annualSharpe, 0.12, 30),
        ReturnSeries.of(returns(annualSharpe, seed)),
        wf);
  }

  /**
   * One walk-forward fold: in-sample bars [from, split), out of sample [split, to), metrics whose
   * Sharpe ratios are given (total return = Sharpe / 5, so the sign follows).
   */
  public static FoldSummary fold(
      int index, int from, int split, int to, int fast, double isSharpe, double oosSharpe) {
    Instant t = Instant.parse("2026-03-02T00:00:00Z");
    return new FoldSummary(
        index,
        new BarWindow(from, split, t, t),
        new BarWindow(split, to, t, t),
        Map.of("fast", fast, "slow", 50),
        metrics(isSharpe, 0.1, 5),
        metrics(oosSharpe, 0.1, 5));
  }

  /** A completed backtest on {@code dataset}. */
  public static BacktestCompleted completed(
      UUID cycleId,
      UUID strategyId,
      UUID backtestId,
      DatasetRef dataset,
      BacktestMetrics metrics,
      ReturnSeries returns,
      WalkForwardSummary walkForward) {
    return new BacktestCompleted(
        backtestId,
        strategyId,
        cycleId,
        dataset,
        new StrategyDefinition(TEMPLATE, Map.of("fast", 10, "slow", 50)),
        EXECUTION,
        metrics,
        returns,
        walkForward,
        false,
        PROVENANCE,
        1234L,
        Instant.parse("2026-03-02T09:01:00Z"));
  }

  public static BacktestFailed failed(UUID cycleId, UUID strategyId, String reason) {
    return new BacktestFailed(
        UUID.randomUUID(), strategyId, cycleId, reason, Instant.parse("2026-03-02T09:01:00Z"));
  }

  public static StrategyPromoted promoted(UUID strategyId, UUID cycleId, int rank, Instant at) {
    return new StrategyPromoted(
        strategyId,
        cycleId,
        dataset(cycleId),
        new StrategyDefinition(TEMPLATE, Map.of("fast", 10, "slow", 50)),
        EXECUTION,
        new Provenance("ab".repeat(32), 42, "0.1.0"),
        metrics(1.5, 0.2, 10),
        new ExpectedPerformance(0.3, 0.16, 1.5, 0.2, 0.0012, 0.01, 252, 1, 40, 0.97),
        0.8,
        rank,
        1,
        35,
        "ranked " + rank + " and passed the gates",
        at);
  }

  public static StrategyDemoted demoted(UUID strategyId, String reason, Instant at) {
    return new StrategyDemoted(strategyId, null, reason, null, 0, at);
  }

  /**
   * The promotion gate's decision on a cycle, made at 2026-03-02T09:05:00Z, with a verdict on each
   * promoted strategy (ranked in the order given).
   */
  public static CycleCompleted cycleCompleted(
      UUID cycleId, List<UUID> promoted, List<UUID> demoted) {
    List<CandidateVerdict> verdicts = new ArrayList<>();
    for (int i = 0; i < promoted.size(); i++) {
      verdicts.add(
          new CandidateVerdict(
              promoted.get(i),
              i + 1,
              "PROMOTED",
              "passed every gate",
              List.of(new GateCheck("deflated-sharpe", 0.97, 0.95, true, "DSR 0.97 >= 0.95"))));
    }
    return cycleCompleted(cycleId, promoted, demoted, verdicts);
  }

  /** The promotion gate's decision on a cycle, made at 2026-03-02T09:05:00Z. */
  public static CycleCompleted cycleCompleted(
      UUID cycleId, List<UUID> promoted, List<UUID> demoted, List<CandidateVerdict> verdicts) {
    return new CycleCompleted(
        cycleId,
        "COMPLETED",
        3,
        3,
        0,
        promoted,
        demoted,
        promoted.size(),
        35,
        promoted.size() + " promoted, " + demoted.size() + " demoted",
        verdicts,
        Instant.parse("2026-03-02T09:05:00Z"));
  }

  /**
   * What a cycle scorer makes of these results, computed here from the events as the issue states
   * the inputs (returns and points per year from the series, alignment {@code sha256:first
   * out-of-sample bar:barsPerPoint}, the walk-forward trials, the share of folds with a positive
   * out-of-sample return), in strategy id order as the service reads them.
   */
  public static CycleScore expectedScore(
      List<BacktestCompleted> results, TrialHistory earlier, long uncountedTrials) {
    List<ScoringInput> inputs =
        results.stream()
            .sorted(Comparator.comparing(r -> r.strategyId().toString()))
            .map(ScoringFixtures::input)
            .toList();
    return new CycleScorer(16, 256)
        .score(inputs, List.of(), earlier, uncountedTrials, ScoringWeights.DEFAULT);
  }

  /** One result as the issue says a cycle scorer reads it. */
  public static ScoringInput input(BacktestCompleted r) {
    WalkForwardSummary wf = r.walkForward();
    int first = wf == null ? 0 : wf.folds().getFirst().outOfSample().fromIndex();
    Double consistency =
        wf == null
            ? null
            : wf.folds().stream().filter(f -> f.outOfSampleMetrics().totalReturn() > 0).count()
                / (double) wf.folds().size();
    BacktestMetrics m = r.metrics();
    return new ScoringInput(
        r.strategyId(),
        r.returns().values(),
        r.dataset().barsPerYear() / r.returns().barsPerPoint(),
        r.returns().barsPerPoint(),
        r.provenance().datasetSha256() + ":" + first + ":" + r.returns().barsPerPoint(),
        m.tradeCount(),
        m.profitFactor() == null ? Double.NaN : m.profitFactor(),
        m.winRate(),
        wf == null ? 1 : wf.trials(),
        consistency,
        wf == null ? null : wf.efficiency());
  }

  /**
   * Asserts that two rankings agree: the same candidates in the same order with the same ranks, and
   * scores and statistics equal up to rounding in the last bits.
   */
  public static void assertSameRanking(List<RankedStrategy> actual, List<RankedStrategy> expected) {
    assertThat(actual)
        .extracting(RankedStrategy::rank, RankedStrategy::strategyId)
        .containsExactlyElementsOf(
            expected.stream().map(r -> tuple(r.rank(), r.strategyId())).toList());
    assertThat(actual)
        .usingRecursiveComparison()
        .withComparatorForType(ScoringFixtures::closeTo, Double.class)
        .isEqualTo(expected);
  }

  /** 0 when the two numbers agree to 12 significant digits. */
  public static int closeTo(Double a, Double b) {
    if (a == null || b == null) {
      return a == b ? 0 : 1;
    }
    double scale = Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) <= 1e-12 * scale ? 0 : Double.compare(a, b);
  }

  /** CloudEvents headers of a record of {@code type}, for publishing a raw (malformed) payload. */
  public static Map<String, String> headers(EventType<?> type, String subject) {
    return TestKafka.cloudEventHeaders(type, subject, "corr-malformed");
  }

  /** The cycle's scoring progress, once the cycle is known. */
  public static JsonPath awaitScoring(UUID cycleId) {
    return awaitScoring(cycleId, progress -> true);
  }

  /** Waits until the cycle is known and its {@code cycle.started} announced {@code expected}. */
  public static void awaitExpected(UUID cycleId, int expected) {
    awaitScoring(cycleId, progress -> Integer.valueOf(expected).equals(progress.get("expected")));
  }

  /** Waits until the cycle's status is {@code status}. */
  public static void awaitStatus(UUID cycleId, String status) {
    awaitScoring(cycleId, progress -> status.equals(progress.getString("status")));
  }

  /** The cycle's scoring progress once the cycle is known and {@code until} holds for it. */
  public static JsonPath awaitScoring(UUID cycleId, Predicate<JsonPath> until) {
    AtomicReference<JsonPath> progress = new AtomicReference<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              var response = given().get("/api/v1/cycles/{id}/scoring", cycleId);
              progress.set(response.jsonPath());
              return response.statusCode() == 200 && until.test(progress.get());
            });
    return progress.get();
  }

  public static JsonPath scoring(UUID cycleId) {
    return given()
        .get("/api/v1/cycles/{id}/scoring", cycleId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The ids the first page of the cycle's leaderboard shows as promoted by the cycle. */
  public static List<String> promotedOnLeaderboard(UUID cycleId) {
    return given()
        .get("/api/v1/cycles/{id}/leaderboard", cycleId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.findAll { it.promoted }.strategyId");
  }

  /** Whether the strategy's scorecard says it is live now. */
  public static boolean liveOnScorecard(UUID strategyId) {
    return given()
        .get("/api/v1/strategies/{id}/scorecard", strategyId)
        .then()
        .statusCode(200)
        .extract()
        .<Boolean>path("live");
  }

  /** Waits until the service recorded {@code eventId} as processed by {@code consumer}. */
  public static void awaitProcessed(UUID eventId, String consumer) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                count(
                        "select count(*) from processed_event where event_id = ? and consumer = ?",
                        eventId,
                        consumer)
                    == 1);
  }

  /** A count from the service's database. */
  public static long count(String sql, Object... params) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** The stored bars per point of a backtest's return series, or null. */
  public static Integer storedBarsPerPoint(UUID backtestId) {
    return (Integer)
        row("select bars_per_point from return_series where backtest_id = ?", backtestId)
            .get("bars_per_point");
  }

  /** The columns of the first row of a query on the service's database; empty without one. */
  public static Map<String, Object> row(String sql, Object... params) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        Map<String, Object> columns = new LinkedHashMap<>();
        if (r.next()) {
          for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
            columns.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
          }
        }
        return columns;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** The stored return series of a backtest, or null. */
  public static double[] storedReturns(UUID backtestId) {
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement("select returns from return_series where backtest_id = ?")) {
      s.setObject(1, backtestId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        Double[] boxed = (Double[]) r.getArray(1).getArray();
        double[] values = new double[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
          values[i] = boxed[i];
        }
        return values;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading return series failed", e);
    }
  }

  private static Connection connect() throws SQLException {
    Config config = ConfigProvider.getConfig();
    Properties props = new Properties();
    props.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
    props.setProperty(
        "password",
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class), props);
  }
}

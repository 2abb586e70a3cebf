package io.backtest.strategy;

import static io.restassured.RestAssured.given;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventType;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.strategy.domain.DatasetContent;
import io.backtest.strategy.service.ParameterCipher;
import io.backtest.support.testing.TestKafka;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** What several tests of this module do: start cycles, wait for backtests, play scoring. */
public final class Fixtures {
  /** The machine is shared and loaded: waits are generous. */
  public static final Duration WAIT = Duration.ofSeconds(90);

  public static final String DATASET = "aapl-1d-2013";

  private Fixtures() {}

  private static final Map<String, TestKafka> CLIENTS = new ConcurrentHashMap<>();

  /**
   * The test run's broker: one client per topic prefix, i.e. per Quarkus application the tests
   * started (a test profile starts another, with a database and topics of its own).
   */
  public static TestKafka kafka() {
    String prefix =
        ConfigProvider.getConfig()
            .getOptionalValue("backtest.topic-prefix", String.class)
            .orElse("");
    return CLIENTS.computeIfAbsent(prefix, p -> TestKafka.fromConfig());
  }

  /** Starts a cycle through the API; returns its id. */
  public static UUID startCycle(int candidates, long seed, String correlationId) {
    String id =
        given()
            .contentType(ContentType.JSON)
            .header("X-Correlation-Id", correlationId)
            .body(
                "{\"datasetId\":\""
                    + DATASET
                    + "\",\"candidates\":"
                    + candidates
                    + ",\"seed\":"
                    + seed
                    + "}")
            .post("/api/v1/cycles")
            .then()
            .statusCode(202)
            .extract()
            .path("cycleId");
    return UUID.fromString(id);
  }

  /** Waits for the {@code backtest.completed} events of every candidate of a cycle. */
  public static List<EventEnvelope<BacktestCompleted>> awaitBacktests(
      UUID cycleId, int candidates) {
    return kafka()
        .awaitEvents(
            EventCatalog.BACKTEST_COMPLETED,
            e -> e.data().cycleId().equals(cycleId),
            candidates,
            WAIT);
  }

  /**
   * Publishes a record without CloudEvents headers behind what was published with {@code key} (one
   * key, one partition), and waits until the service has dead-lettered it: by then it has processed
   * every record before it in that partition.
   */
  public static void awaitProcessedUpTo(String topic, String key) {
    kafka().publishRaw(kafka().topic(topic), key, "marker", Map.of());
    kafka()
        .await(
            kafka().topic(Topics.dlq(topic)),
            r -> key.equals(r.key()) && "marker".equals(r.value()),
            1,
            WAIT);
  }

  /** The CloudEvents headers of an event of {@code type}, for publishing a payload as it is. */
  public static Map<String, String> cloudEventHeaders(
      EventType<?> type, String subject, String correlationId) {
    return TestKafka.cloudEventHeaders(type, subject, correlationId);
  }

  /**
   * A ranking as scoring would make it from the backtests: by {@code score} (best first), with the
   * statistics {@code statistics} gives each result; the cycle's P(OOS loss) 0.1 and the best 50
   * candidates uncorrelated, with each other and (not comparable) with the live set.
   */
  public static CycleScored rank(
      UUID cycleId,
      int expected,
      List<EventEnvelope<BacktestCompleted>> results,
      ToDoubleFunction<BacktestCompleted> score,
      Function<BacktestCompleted, CandidateStatistics> statistics) {
    List<BacktestCompleted> sorted =
        results.stream()
            .map(EventEnvelope::data)
            .sorted(
                Comparator.comparingDouble(score)
                    .reversed()
                    .thenComparing(BacktestCompleted::strategyId))
            .toList();
    List<RankedStrategy> ranking = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      BacktestCompleted r = sorted.get(i);
      ranking.add(
          new RankedStrategy(i + 1, r.strategyId(), score.applyAsDouble(r), statistics.apply(r)));
    }
    return scored(
        cycleId,
        expected,
        ranking,
        overfitting(ranking.size(), 0.1),
        uncorrelated(ranking.stream().limit(50).map(RankedStrategy::strategyId).toList()));
  }

  /** A cycle's ranking with its diagnostics; failed = expected − ranked, 4,200 trials. */
  public static CycleScored scored(
      UUID cycleId,
      int expected,
      List<RankedStrategy> ranking,
      OverfittingDiagnostics overfitting,
      Correlations correlations) {
    return new CycleScored(
        cycleId,
        expected,
        ranking.size(),
        expected - ranking.size(),
        ranking,
        TRIALS,
        Math.min(TRIALS, 60),
        0.25,
        overfitting,
        ScoringWeights.DEFAULT,
        correlations,
        Instant.now());
  }

  /** CSCV diagnostics of a cycle with the given probability of out-of-sample loss. */
  public static OverfittingDiagnostics overfitting(int candidates, double probabilityOfOosLoss) {
    return new OverfittingDiagnostics(
        Math.max(1, candidates), 756, 16, 12_870, 0.12, probabilityOfOosLoss, 0.4, 0.0);
  }

  /** Candidates uncorrelated with each other, with no live strategy to compare with. */
  public static Correlations uncorrelated(List<UUID> candidates) {
    int n = candidates.size();
    return Correlations.of(candidates, List.of(), new double[n][n], new double[n][0]);
  }

  /** Trials behind the statistics of these tests. */
  public static final long TRIALS = 4_200;

  /**
   * Statistics as scoring reports them, by default of a candidate that passes every gate of the
   * default rules: DSR 0.97 (N = 4,200), max drawdown 10%, 60 trades, t = 2.42 (Sharpe 1.4 over 3
   * years: 1.4 × √3), 3 years of data against a MinBTL of 2. Change a field to fail a gate.
   */
  public static final class Stats {
    public double deflatedSharpe = 0.97;
    public double sharpe = 1.4;
    public double maxDrawdown = 0.10;
    public int tradeCount = 60;
    public double tStatistic = 2.42;
    public double backtestYears = 3;
    public double pointsPerYear = 252;
    public double minBacktestYears = 2;
    public long trials = TRIALS;

    public static Stats passing() {
      return new Stats();
    }

    /** Noise: DSR 0.41, t 0.8, a MinBTL longer than the record; drawdown and trades pass. */
    public static Stats noise() {
      Stats s = new Stats();
      s.deflatedSharpe = 0.41;
      s.sharpe = 0.46;
      s.tStatistic = 0.8;
      s.minBacktestYears = 9.4;
      return s;
    }

    public Stats deflatedSharpe(double value) {
      deflatedSharpe = value;
      return this;
    }

    public Stats maxDrawdown(double value) {
      maxDrawdown = value;
      return this;
    }

    public Stats tradeCount(int value) {
      tradeCount = value;
      return this;
    }

    public CandidateStatistics build() {
      int points = (int) Math.round(backtestYears * pointsPerYear);
      double volatility = 0.12;
      double returnStdev = volatility / Math.sqrt(pointsPerYear);
      double meanReturn = sharpe * returnStdev / Math.sqrt(pointsPerYear);
      return new CandidateStatistics(
          points,
          pointsPerYear,
          backtestYears,
          Math.pow(1 + sharpe * volatility, backtestYears) - 1,
          sharpe * volatility,
          volatility,
          sharpe,
          sharpe * 1.4,
          sharpe * volatility / maxDrawdown,
          maxDrawdown,
          1.6,
          0.55,
          tradeCount,
          0.8,
          tStatistic,
          0.7,
          0.0,
          3.0,
          meanReturn,
          returnStdev,
          0.99,
          deflatedSharpe,
          0.9,
          trials,
          minBacktestYears);
    }
  }

  /** A JDBC connection to this test run's database, for fixtures and for counting rows. */
  public static Connection database() throws SQLException {
    var config = ConfigProvider.getConfig();
    Properties props = new Properties();
    props.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
    props.setProperty(
        "password",
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class), props);
  }

  /** A single number from a query with positional parameters. */
  public static long queryLong(String sql, Object... parameters) {
    try (Connection c = database();
        PreparedStatement s = prepare(c, sql, parameters);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** The UUIDs of the first column of a query's rows. */
  public static List<UUID> queryUuids(String sql, Object... parameters) {
    try (Connection c = database();
        PreparedStatement s = prepare(c, sql, parameters);
        ResultSet r = s.executeQuery()) {
      List<UUID> ids = new ArrayList<>();
      while (r.next()) {
        ids.add(r.getObject(1, UUID.class));
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** A dataset's bars as stored ({@code dataset_content}), read past the service. */
  public static List<OhlcvBar> storedBars(String datasetId) {
    try (Connection c = database();
        PreparedStatement s =
            prepare(c, "select content from dataset_content where dataset_id = ?", datasetId);
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new IllegalStateException("dataset " + datasetId + " has no stored content");
      }
      return DatasetContent.decode(r.getBytes(1));
    } catch (SQLException e) {
      throw new IllegalStateException("content of " + datasetId + " not read", e);
    }
  }

  /** Runs an insert or update with positional parameters (rows a test sets up itself). */
  public static void execute(String sql, Object... parameters) {
    try (Connection c = database();
        PreparedStatement s = prepare(c, sql, parameters)) {
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** The service's cipher of the parameters at rest. */
  public static ParameterCipher cipher() {
    return Arc.container().instance(ParameterCipher.class).get();
  }

  /**
   * Inserts an sma-crossover strategy on {@link #DATASET} with the given canonical parameters,
   * encrypted as the service stores them; a LIVE one with score 0.5, promoted at {@code at}.
   */
  public static void insertStrategy(
      UUID id, UUID cycleId, String parameters, String status, Timestamp at) {
    ParameterCipher.Sealed encrypted =
        cipher().encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, parameters);
    boolean live = status.equals("LIVE");
    execute(
        "insert into strategy (id, cycle_id, template, parameters_enc, parameters_key_id,"
            + " parameters_fingerprint, dataset_id, status, score, created_at, promoted_at)"
            + " values (?, ?, 'sma-crossover', ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        cycleId,
        encrypted.value(),
        encrypted.keyId(),
        cipher().fingerprint(parameters),
        DATASET,
        status,
        live ? 0.5 : null,
        at,
        live ? at : null);
  }

  /** The canonical JSON of a stored strategy's parameters, decrypted. */
  public static String storedParameters(UUID id) {
    try (Connection c = database();
        PreparedStatement s =
            c.prepareStatement(
                "select parameters_enc, parameters_key_id from strategy where id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no strategy " + id);
        }
        return cipher()
            .decrypt(ParameterCipher.STRATEGY_PARAMETERS, id, r.getString(2), r.getBytes(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON of a stored run's walk-forward summary, decrypted; null when it has none. */
  public static String storedWalkForward(UUID runId) {
    try (Connection c = database();
        PreparedStatement s =
            c.prepareStatement(
                "select walk_forward_enc, walk_forward_key_id from backtest_run where id = ?")) {
      s.setObject(1, runId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no backtest run " + runId);
        }
        byte[] value = r.getBytes(1);
        return value == null
            ? null
            : cipher().decrypt(ParameterCipher.RUN_WALK_FORWARD, runId, r.getString(2), value);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
    return s;
  }

  /** Waits until the outbox relay has published everything committed so far. */
  public static void awaitOutboxDrained() {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> queryLong("select count(*) from outbox") == 0);
  }

  /** Live strategies right now. */
  public static long liveCount() {
    return queryLong("select count(*) from strategy where status = 'LIVE'");
  }
}

package io.backtest.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.backtest.contracts.EventType;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.WalkForwardSummary;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

  public static CycleStarted cycleStarted(UUID cycleId, List<UUID> strategyIds) {
    return new CycleStarted(
        cycleId,
        DATASET,
        List.of(TEMPLATE),
        strategyIds.size(),
        42L,
        strategyIds,
        EXECUTION,
        null,
        Instant.parse("2026-03-02T09:00:00Z"));
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

  public static BacktestCompleted completed(
      UUID cycleId, UUID strategyId, double sharpe, double maxDrawdown, int trades) {
    return completed(cycleId, strategyId, UUID.randomUUID(), metrics(sharpe, maxDrawdown, trades));
  }

  public static BacktestCompleted completed(
      UUID cycleId, UUID strategyId, UUID backtestId, BacktestMetrics metrics) {
    return completed(
        cycleId,
        strategyId,
        backtestId,
        metrics,
        ReturnSeries.of(new double[] {0.01, -0.005, 0.0, 0.0125}),
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
    return new BacktestCompleted(
        backtestId,
        strategyId,
        cycleId,
        DATASET,
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
        DATASET,
        new StrategyDefinition(TEMPLATE, Map.of("fast", 10, "slow", 50)),
        EXECUTION,
        metrics(1.5, 0.2, 10),
        1.2,
        rank,
        1,
        35,
        "ranked " + rank + " and passed the gates",
        at);
  }

  public static StrategyDemoted demoted(UUID strategyId, String reason, Instant at) {
    return new StrategyDemoted(strategyId, null, reason, null, 0, at);
  }

  /** The promotion gate's decision on a cycle, made at 2026-03-02T09:05:00Z. */
  public static CycleCompleted cycleCompleted(
      UUID cycleId, List<UUID> promoted, List<UUID> demoted) {
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
        Instant.parse("2026-03-02T09:05:00Z"));
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

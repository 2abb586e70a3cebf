package io.backtest.strategy;

import static io.restassured.RestAssured.given;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventType;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.support.testing.TestKafka;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** What several tests of this module do: start cycles, wait for backtests, play scoring. */
public final class Fixtures {
  /** The machine is shared and loaded: waits are generous. */
  public static final Duration WAIT = Duration.ofSeconds(90);

  public static final String DATASET = "aapl-1d-2013";

  private Fixtures() {}

  /** The test run's broker (one client for every test class). */
  public static TestKafka kafka() {
    return TestKafka.shared();
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
   * A ranking as scoring would make it from the backtests: by {@code score} (best first), the
   * metrics copied from each result.
   */
  public static CycleScored rank(
      UUID cycleId,
      int expected,
      List<EventEnvelope<BacktestCompleted>> results,
      ToDoubleFunction<BacktestCompleted> score) {
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
          new RankedStrategy(
              i + 1,
              r.strategyId(),
              score.applyAsDouble(r),
              r.metrics().totalReturn(),
              r.metrics().sharpe(),
              r.metrics().maxDrawdown()));
    }
    return new CycleScored(
        cycleId, expected, ranking.size(), expected - ranking.size(), ranking, Instant.now());
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

  /** Runs an insert or update with positional parameters (rows a test sets up itself). */
  public static void execute(String sql, Object... parameters) {
    try (Connection c = database();
        PreparedStatement s = prepare(c, sql, parameters)) {
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
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

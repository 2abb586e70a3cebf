package io.backtest.strategy;

import static io.restassured.RestAssured.given;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventType;
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
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** What several tests of this module do: start cycles, wait for backtests, play scoring. */
public final class Fixtures {
  /** The machine is shared and loaded: waits are generous. */
  public static final Duration WAIT = Duration.ofSeconds(90);

  public static final String DATASET = "aapl-1d-2013";

  private Fixtures() {}

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
      TestKafka kafka, UUID cycleId, int candidates) {
    return awaitEvents(
        kafka,
        EventCatalog.BACKTEST_COMPLETED,
        e -> e.data().cycleId().equals(cycleId),
        candidates);
  }

  /**
   * Like {@link TestKafka#awaitEvents}, but skipping records that are not events of the type: the
   * dead-letter tests put such records on the same topics, and {@code TestKafka} would fail on
   * them.
   */
  public static <T> List<EventEnvelope<T>> awaitEvents(
      TestKafka kafka, EventType<T> type, Predicate<EventEnvelope<T>> filter, int count) {
    List<EventEnvelope<T>> events = new ArrayList<>();
    kafka.await(
        kafka.topic(type.topic()),
        r -> {
          EventEnvelope<T> e = eventOrNull(r, type);
          if (e != null && filter.test(e)) {
            events.add(e);
            return true;
          }
          return false;
        },
        count,
        WAIT);
    return events;
  }

  /** The record as an event of {@code type}, or null when it is not one. */
  public static <T> EventEnvelope<T> eventOrNull(
      ConsumerRecord<String, String> r, EventType<T> type) {
    if (!type.type().equals(TestKafka.header(r, CloudEventAttributes.HEADER_TYPE))
        || TestKafka.header(r, CloudEventAttributes.HEADER_ID) == null) {
      return null;
    }
    try {
      return TestKafka.envelope(r, type);
    } catch (RuntimeException notAnEvent) {
      return null;
    }
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
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** Waits until the outbox relay has published everything committed so far. */
  public static void awaitOutboxDrained() {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> queryLong("select count(*) from outbox") == 0);
  }

  /** Every record a topic holds right now, read from the beginning to the current end. */
  public static List<ConsumerRecord<String, String>> readAll(String physicalTopic) {
    String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(physicalTopic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + physicalTopic + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** Live strategies right now. */
  public static long liveCount() {
    return queryLong("select count(*) from strategy where status = 'LIVE'");
  }
}

package io.backtest.monitoring.messaging;

import static io.backtest.monitoring.Fixtures.WAIT;
import static io.backtest.monitoring.Fixtures.awaitStrategy;
import static io.backtest.monitoring.Fixtures.kafka;
import static io.backtest.monitoring.Fixtures.publish;
import static io.backtest.monitoring.SampleEvents.T0;
import static io.backtest.monitoring.SampleEvents.demoted;
import static io.backtest.monitoring.SampleEvents.promoted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.EventType;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Promotions and demotions from the real broker into the real database, seen through the API. */
@QuarkusTest
class StrategyLifecycleConsumerTest {

  /** How many times a consumer recorded an event as processed, read from the database. */
  private static int timesProcessed(UUID eventId, String consumer) throws SQLException {
    Config config = ConfigProvider.getConfig();
    try (Connection c =
            DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from processed_event where event_id = ? and consumer = ?")) {
      s.setObject(1, eventId);
      s.setString(2, consumer);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static Map<String, String> headers(EventType<?> type, String subject) {
    return TestKafka.cloudEventHeaders(type, subject, "corr-bad");
  }

  @Test
  void promotedStrategyIsWatchedWithItsBaseline() {
    UUID id = UUID.randomUUID();
    StrategyPromoted p = promoted(id, T0, 1.37);
    publish(p);

    JsonPath s = awaitStrategy(id, j -> true);
    assertThat(s.getString("status")).isEqualTo("WATCHING");
    assertThat(s.getString("strategyId")).isEqualTo(id.toString());
    assertThat(s.getString("cycleId")).isEqualTo(p.cycleId().toString());
    assertThat(s.getString("template")).isEqualTo("sma-crossover");
    assertThat(s.getMap("parameters")).containsEntry("fast", 10).containsEntry("slow", 50);
    assertThat(s.getString("datasetId")).isEqualTo("aapl-1d-2013");
    assertThat(s.getString("symbol")).isEqualTo("AAPL");
    assertThat(s.getString("timeframe")).isEqualTo("1d");
    assertThat(s.getString("execution.fill")).isEqualTo("next-open");
    assertThat(s.getDouble("execution.feeBps")).isEqualTo(10.0);
    assertThat(s.getString("execution.direction")).isEqualTo("long-short");
    assertThat(s.getDouble("execution.capital")).isEqualTo(25_000.0);
    assertThat(s.getString("since")).isEqualTo(T0.toString());
    assertThat(s.getString("stoppedAt")).isNull();
    assertThat(s.getString("reason")).isNull();
    // the baseline is the promoting backtest's metrics, exactly as the event carried them
    assertThat(s.getDouble("baseline.sharpe")).isEqualTo(1.37);
    assertThat(s.getDouble("baseline.totalReturn")).isEqualTo(p.metrics().totalReturn());
    assertThat(s.getDouble("baseline.maxDrawdown")).isEqualTo(p.metrics().maxDrawdown());
    assertThat(s.getInt("baseline.tradeCount")).isEqualTo(17);
    assertThat(s.getInt("baseline.barCount")).isEqualTo(2516);
    assertThat(s.getString("baseline.profitFactor")).isNull();
    assertThat(s.getInt("baseline.maxDrawdownBars")).isEqualTo(310);
    assertThat(s.getDouble("baseline.expectancy")).isEqualTo(412.5);
    assertThat(s.getString("baseline.avgLoss")).isNull();
    assertThat(s.getDouble("baseline.kurtosis")).isEqualTo(5.4);
    assertThat(s.getDouble("score")).isEqualTo(0.87);
    assertThat(s.getInt("rank")).isEqualTo(2);
  }

  @Test
  void demotedStrategyIsStoppedWithItsReason() {
    UUID id = UUID.randomUUID();
    publish(promoted(id, T0, 1.2));
    awaitStrategy(id, j -> true);
    StrategyDemoted d = demoted(id, T0.plusSeconds(3600), "replaced by a better candidate");
    publish(d);

    JsonPath s = awaitStrategy(id, j -> "STOPPED".equals(j.getString("status")));
    assertThat(s.getString("reason")).isEqualTo("replaced by a better candidate");
    assertThat(s.getString("stoppedAt")).isEqualTo(T0.plusSeconds(3600).toString());
    assertThat(s.getString("replacedBy")).isEqualTo(d.replacedBy().toString());
    assertThat(s.getString("since")).isEqualTo(T0.toString());
    assertThat(s.getDouble("baseline.sharpe")).isEqualTo(1.2);
  }

  @Test
  void demotionReceivedBeforeItsPromotionEndsStopped() {
    UUID id = UUID.randomUUID();
    publish(demoted(id, T0.plusSeconds(7200), "drift"));
    JsonPath first = awaitStrategy(id, j -> true);
    assertThat(first.getString("status")).isEqualTo("STOPPED");
    assertThat(first.getString("note")).contains("before any promotion");
    assertThat(first.getString("template")).isNull();

    // the promotion it ended, older than the stop, arrives late: recorded, but no revival
    publish(promoted(id, T0, 1.5));
    JsonPath s = awaitStrategy(id, j -> j.getString("template") != null);
    assertThat(s.getString("status")).isEqualTo("STOPPED");
    assertThat(s.getString("stoppedAt")).isEqualTo(T0.plusSeconds(7200).toString());
    assertThat(s.getString("reason")).isEqualTo("drift");
    assertThat(s.getString("since")).isEqualTo(T0.toString());
    assertThat(s.getDouble("baseline.sharpe")).isEqualTo(1.5);
  }

  @Test
  void redeliveredEventsChangeNothing() throws SQLException {
    UUID id = UUID.randomUUID();
    EventEnvelope<StrategyPromoted> promotion = publish(promoted(id, T0, 1.1));
    kafka().publish(EventCatalog.STRATEGY_PROMOTED, promotion);
    EventEnvelope<StrategyDemoted> demotion = publish(demoted(id, T0.plusSeconds(60), "cap"));
    kafka().publish(EventCatalog.STRATEGY_DEMOTED, demotion);
    // the promotion once more, after the stop: processed, it would be ignored as older anyway
    kafka().publish(EventCatalog.STRATEGY_PROMOTED, promotion);
    // a later event behind the repeats on each topic shows the consumers went past them
    UUID marker = UUID.randomUUID();
    publish(promoted(marker, T0, 1.0));
    publish(demoted(marker, T0.plusSeconds(60), "marker"));
    awaitStrategy(
        marker, j -> "STOPPED".equals(j.getString("status")) && j.getString("template") != null);

    JsonPath s = awaitStrategy(id, j -> "STOPPED".equals(j.getString("status")));
    assertThat(s.getString("since")).isEqualTo(T0.toString());
    assertThat(s.getString("stoppedAt")).isEqualTo(T0.plusSeconds(60).toString());
    assertThat(timesProcessed(promotion.id(), "strategy-promoted")).isEqualTo(1);
    assertThat(timesProcessed(demotion.id(), "strategy-demoted")).isEqualTo(1);
    List<String> stopped =
        given()
            .queryParam("status", "STOPPED")
            .queryParam("size", 100)
            .get("/api/v1/monitoring/strategies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.strategyId");
    assertThat(stopped).containsOnlyOnce(id.toString());
  }

  @Test
  void malformedPromotionGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() {
    UUID id = UUID.randomUUID();
    // more live strategies than the cap: the StrategyPromoted record refuses it
    String payload =
        EventJson.write(promoted(id, T0, 1.0)).replace("\"liveCount\":3", "\"liveCount\":36");
    assertThat(payload).contains("\"liveCount\":36");
    kafka()
        .publishRaw(
            kafka().topic(Topics.STRATEGY_PROMOTED),
            id.toString(),
            payload,
            headers(EventCatalog.STRATEGY_PROMOTED, id.toString()));
    UUID next = UUID.randomUUID();
    publish(promoted(next, T0, 1.0));

    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.STRATEGY_PROMOTED)),
                r -> id.toString().equals(r.key()),
                1,
                WAIT);
    assertThat(dead.getFirst().value()).isEqualTo(payload);
    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-reason"))
        .contains("not a valid StrategyPromoted")
        .contains("liveCount 36 exceeds the cap 35");
    awaitStrategy(next, j -> "WATCHING".equals(j.getString("status")));
    given().get("/api/v1/monitoring/strategies/{id}", id).then().statusCode(404);
  }

  @Test
  void malformedDemotionGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() {
    UUID id = UUID.randomUUID();
    String payload =
        "{\"strategyId\":\"%s\",\"cycleId\":null,\"reason\":\" \",\"replacedBy\":null,\"liveCount\":0,\"demotedAt\":\"2026-01-05T10:00:00Z\"}"
            .formatted(id);
    kafka()
        .publishRaw(
            kafka().topic(Topics.STRATEGY_DEMOTED),
            id.toString(),
            payload,
            headers(EventCatalog.STRATEGY_DEMOTED, id.toString()));
    UUID next = UUID.randomUUID();
    publish(demoted(next, T0, "cap"));

    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.STRATEGY_DEMOTED)),
                r -> id.toString().equals(r.key()),
                1,
                WAIT);
    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-reason"))
        .contains("not a valid StrategyDemoted")
        .contains("reason must not be blank");
    awaitStrategy(next, j -> "STOPPED".equals(j.getString("status")));
    given().get("/api/v1/monitoring/strategies/{id}", id).then().statusCode(404);
  }

  @Test
  void promotionKeyedByAnotherStrategyIsDeadLettered() {
    UUID id = UUID.randomUUID();
    EventEnvelope<StrategyPromoted> miskeyed =
        kafka().publish(EventCatalog.STRATEGY_PROMOTED, "not-" + id, promoted(id, T0, 1.0), "corr");
    List<ConsumerRecord<String, String>> dead =
        kafka()
            .await(
                kafka().topic(Topics.dlq(Topics.STRATEGY_PROMOTED)),
                r ->
                    miskeyed
                        .id()
                        .toString()
                        .equals(TestKafka.header(r, CloudEventAttributes.HEADER_ID)),
                1,
                WAIT);
    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-reason"))
        .contains("is not the strategy id " + id);
  }

  @Test
  void promotionAndDemotionArrivingTogetherEndStopped() {
    // the two topics are consumed concurrently: whichever commits first, the pair ends stopped
    UUID id = UUID.randomUUID();
    publish(demoted(id, T0.plusSeconds(30), "cap"));
    publish(promoted(id, T0, 1.0));
    JsonPath s =
        awaitStrategy(id, j -> j.getString("template") != null && j.getString("stoppedAt") != null);
    assertThat(s.getString("status")).isEqualTo("STOPPED");
    assertThat(Instant.parse(s.getString("since"))).isEqualTo(T0);
  }
}

package io.backtest.support.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.MarketBar;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox and the idempotent consumer against the real broker and database. */
@QuarkusTest
class OutboxAndInboxTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static TestKafka kafka;

  @BeforeAll
  static void connect() {
    kafka = TestKafka.fromConfig();
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  private static MarketBar bar(String symbol, double close) {
    return new MarketBar(
        symbol, "1d", Instant.parse("2026-01-05T00:00:00Z"), close, close, close, close, 10);
  }

  private static long stored(String symbol) {
    return given()
        .get("/probe/bars/{s}/count", symbol)
        .then()
        .statusCode(200)
        .extract()
        .<Number>path("count")
        .longValue();
  }

  @Test
  void eventWrittenThroughTheOutboxIsPublishedAsACloudEventKeyedBySubject() {
    String symbol = "OUT" + UUID.randomUUID().toString().substring(0, 6);
    String eventId =
        given()
            .contentType(ContentType.JSON)
            .header("X-Correlation-Id", "corr-" + symbol)
            .body(EventJson.write(bar(symbol, 12.5)))
            .post("/probe/bars")
            .then()
            .statusCode(200)
            .header("X-Correlation-Id", "corr-" + symbol)
            .extract()
            .path("eventId");

    ConsumerRecord<String, String> record =
        kafka
            .await(
                kafka.topic(Topics.MARKET_BARS),
                r -> eventId.equals(TestKafka.header(r, CloudEventAttributes.HEADER_ID)),
                1,
                WAIT)
            .getFirst();
    assertThat(record.key()).isEqualTo(symbol);
    assertThat(TestKafka.header(record, CloudEventAttributes.HEADER_TYPE))
        .isEqualTo("io.backtest.market.bars");
    assertThat(TestKafka.header(record, CloudEventAttributes.HEADER_SOURCE))
        .isEqualTo("/support-probe");
    assertThat(TestKafka.header(record, CloudEventAttributes.HEADER_SUBJECT)).isEqualTo(symbol);
    assertThat(TestKafka.header(record, CloudEventAttributes.HEADER_SPEC_VERSION)).isEqualTo("1.0");
    assertThat(TestKafka.header(record, CloudEventAttributes.HEADER_TIME)).isNotBlank();
    assertThat(TestKafka.header(record, CloudEventAttributes.HEADER_CORRELATION_ID))
        .isEqualTo("corr-" + symbol);
    assertThat(EventJson.read(record.value(), MarketBar.class).close()).isEqualTo(12.5);

    // the probe consumes its own topic: the published bar is stored once
    await().atMost(WAIT).until(() -> stored(symbol) == 1);
  }

  @Test
  void redeliveredEventChangesNothing() {
    String symbol = "DUP" + UUID.randomUUID().toString().substring(0, 6);
    EventEnvelope<MarketBar> event =
        kafka.publish(EventCatalog.MARKET_BARS, symbol, bar(symbol, 10), "corr-dup");
    kafka.publish(EventCatalog.MARKET_BARS, event);
    kafka.publish(EventCatalog.MARKET_BARS, event);
    // a later, different event with the same key lands in the same partition behind the repeats
    kafka.publish(EventCatalog.MARKET_BARS, symbol, bar(symbol, 11), "corr-dup");

    await().atMost(WAIT).until(() -> stored(symbol) == 2);
    assertThat(stored(symbol)).isEqualTo(2);
  }

  @Test
  void malformedRecordGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() {
    String symbol = "BAD" + UUID.randomUUID().toString().substring(0, 6);
    String id = UUID.randomUUID().toString();
    kafka.publishRaw(
        kafka.topic(Topics.MARKET_BARS),
        symbol,
        "{\"symbol\":\"" + symbol + "\",\"close\":\"not a number\"",
        Map.of(
            CloudEventAttributes.HEADER_ID, id,
            CloudEventAttributes.HEADER_SPEC_VERSION, "1.0",
            CloudEventAttributes.HEADER_TYPE, "io.backtest.market.bars",
            CloudEventAttributes.HEADER_SOURCE, "/test",
            CloudEventAttributes.HEADER_SUBJECT, symbol,
            CloudEventAttributes.HEADER_CORRELATION_ID, "corr-bad"));
    kafka.publishRaw(kafka.topic(Topics.MARKET_BARS), symbol, "no headers at all", Map.of());
    // a valid bar with an unparsable ce_time: the Kafka connector's own CloudEvents reader would
    // stop the whole channel on it
    kafka.publishRaw(
        kafka.topic(Topics.MARKET_BARS),
        symbol,
        EventJson.write(bar(symbol, 15)),
        Map.of(
            CloudEventAttributes.HEADER_ID, UUID.randomUUID().toString(),
            CloudEventAttributes.HEADER_SPEC_VERSION, "1.0",
            CloudEventAttributes.HEADER_TYPE, "io.backtest.market.bars",
            CloudEventAttributes.HEADER_SOURCE, "/test",
            CloudEventAttributes.HEADER_SUBJECT, symbol,
            CloudEventAttributes.HEADER_TIME, "yesterday",
            CloudEventAttributes.HEADER_CORRELATION_ID, "corr-bad"));
    kafka.publish(EventCatalog.MARKET_BARS, symbol, bar(symbol, 20), "corr-bad");

    var dead =
        kafka.await(
            kafka.topic(Topics.dlq(Topics.MARKET_BARS)), r -> symbol.equals(r.key()), 3, WAIT);
    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dead-letter-reason"))
        .anySatisfy(reason -> assertThat(reason).contains("not a valid MarketBar"))
        .anySatisfy(reason -> assertThat(reason).contains("no CloudEvents headers"))
        .anySatisfy(reason -> assertThat(reason).contains("ce_time is not an RFC 3339 timestamp"));
    assertThat(dead).extracting(ConsumerRecord::value).contains("no headers at all");
    await().atMost(WAIT).until(() -> stored(symbol) == 1);
  }

  @Test
  void failingEffectIsRetriedThenDeadLetteredAndRolledBack() {
    String symbol = "ERR" + UUID.randomUUID().toString().substring(0, 6);
    EventEnvelope<MarketBar> event =
        kafka.publish(EventCatalog.MARKET_BARS, symbol, bar(symbol, 5000), "corr-err");
    kafka.publish(EventCatalog.MARKET_BARS, symbol, bar(symbol, 30), "corr-err");

    var dead =
        kafka.await(
            kafka.topic(Topics.dlq(Topics.MARKET_BARS)),
            r -> event.id().toString().equals(TestKafka.header(r, CloudEventAttributes.HEADER_ID)),
            1,
            WAIT);
    assertThat(TestKafka.header(dead.getFirst(), "dead-letter-reason"))
        .contains("price too high to store");
    await().atMost(WAIT).until(() -> stored(symbol) == 1);
  }
}

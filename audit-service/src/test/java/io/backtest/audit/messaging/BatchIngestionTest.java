package io.backtest.audit.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backtest.audit.AuditApi;
import io.backtest.audit.KafkaTestBase;
import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.Topics;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Ingestion in batches through the real broker and database: bursts over several topics and
 * partitions, redeliveries, poison records in the middle of a batch, and the metrics.
 *
 * <p>Each test writes to topics of its own, created just before a burst is produced in one go: the
 * pattern subscription finds them a moment later and reads them from the beginning, so the records
 * of a burst reach the service in few, large batches.
 */
@QuarkusTest
class BatchIngestionTest extends KafkaTestBase {
  private static final String TYPE = "io.test.burst";

  @Test
  void burstOverTopicsAndPartitionsIsRecordedOnceInPartitionOrderWithRedeliveriesIgnored()
      throws Exception {
    String run = letters();
    String correlation = "burst-" + run;
    List<String> topics = List.of("burst" + run + ".events", "burst" + run + ".more.events");
    Map<UUID, RecordMetadata> firstCopy = new LinkedHashMap<>();
    List<UUID> redeliver = new ArrayList<>();
    try (KafkaProducer<String, String> producer = producer()) {
      kafka.createTopics(topics.stream().map(kafka::topic).toList(), 3, producer);
      List<Map.Entry<ProducerRecord<String, String>, Future<RecordMetadata>>> sent =
          new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String topic = kafka.topic(topics.get(i % 2));
        int partition = (i / 2) % 3;
        ProducerRecord<String, String> record = event(topic, partition, i, correlation);
        sent.add(Map.entry(record, producer.send(record)));
        if (i % 10 == 0) {
          // redelivered right away: most likely inside the same batch
          sent.add(Map.entry(record, producer.send(record)));
        }
        if (i % 15 == 0) {
          redeliver.add(UUID.fromString(header(record, CloudEventAttributes.HEADER_ID)));
        }
      }
      // and again later, after the first copies were recorded in earlier batches
      for (var s : List.copyOf(sent)) {
        UUID id = UUID.fromString(header(s.getKey(), CloudEventAttributes.HEADER_ID));
        if (redeliver.remove(id)) {
          sent.add(Map.entry(s.getKey(), producer.send(s.getKey())));
        }
      }
      producer.flush();
      for (var s : sent) {
        UUID id = UUID.fromString(header(s.getKey(), CloudEventAttributes.HEADER_ID));
        RecordMetadata written = s.getValue().get(30, TimeUnit.SECONDS);
        firstCopy.merge(id, written, (a, b) -> a.offset() <= b.offset() ? a : b);
      }
      // one last event per partition: once they are in, every copy before them was handled
      for (String topic : topics) {
        for (int partition = 0; partition < 3; partition++) {
          ProducerRecord<String, String> last =
              event(kafka.topic(topic), partition, -1, correlation);
          firstCopy.put(
              UUID.fromString(header(last, CloudEventAttributes.HEADER_ID)),
              producer.send(last).get(30, TimeUnit.SECONDS));
        }
      }
    }

    List<Recorded> recorded = awaitRecorded(correlation, TYPE, firstCopy.size());

    assertThat(recorded).hasSize(306);
    assertThat(recorded).extracting(Recorded::eventId).doesNotHaveDuplicates();
    // each event once, at the offset of its first copy
    for (Recorded r : recorded) {
      RecordMetadata first = firstCopy.get(r.eventId());
      assertThat(first).as("event %s was produced by this test", r.eventId()).isNotNull();
      assertThat(kafka.topic(r.topic())).isEqualTo(first.topic());
      assertThat(r.partition()).isEqualTo(first.partition());
      assertThat(r.offset()).isEqualTo(first.offset());
    }
    // in seq order, each partition's offsets only grow
    Map<String, Long> lastOffset = new HashMap<>();
    for (Recorded r : recorded) {
      Long before = lastOffset.put(r.topic() + "-" + r.partition(), r.offset());
      if (before != null) {
        assertThat(r.offset())
            .as("%s-%d after %d", r.topic(), r.partition(), before)
            .isGreaterThan(before);
      }
    }
    assertThat(lastOffset).hasSize(6);
    assertThat(AuditApi.verify().getBoolean("valid")).isTrue();
  }

  @Test
  void poisonRecordsInTheMiddleOfABatchGoToTheirDeadLetterQueueWithAnAlertAndTheRestIsRecorded()
      throws Exception {
    String run = letters();
    String correlation = "poison-" + run;
    String topic = "poison" + run + ".events";
    String physical = kafka.topic(topic);
    String refusedType = "io.test.refused." + run;
    String constraint = "refuse_" + run;
    double deadLettersBefore = deadLetterCount(topic);
    AuditApi.sql(
        "alter table audit_entry add constraint "
            + constraint
            + " check (type <> '"
            + refusedType
            + "') not valid");
    List<ConsumerRecord<String, String>> dead;
    List<Recorded> recorded;
    Map<String, Long> offsets = new HashMap<>();
    String refusedId;
    try {
      try (KafkaProducer<String, String> producer = producer()) {
        kafka.createTopics(List.of(physical), 1, producer);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          sent.add(producer.send(event(physical, 0, i, correlation)));
        }
        // no CloudEvents headers at all: malformed
        Future<RecordMetadata> malformed =
            producer.send(new ProducerRecord<>(physical, 0, "malformed", "no headers at all"));
        // a payload PostgreSQL's jsonb cannot store (U+0000): malformed as well
        ProducerRecord<String, String> nul =
            record(physical, 0, "nul", "{\"text\": \"a\\u0000b\"}", TYPE, correlation);
        Future<RecordMetadata> nulSent = producer.send(nul);
        // well-formed, but the database refuses it, whatever the attempt
        ProducerRecord<String, String> refused =
            record(physical, 0, "refused", "{\"n\": 1}", refusedType, correlation);
        refusedId = header(refused, CloudEventAttributes.HEADER_ID);
        Future<RecordMetadata> refusedSent = producer.send(refused);
        for (int i = 20; i < 40; i++) {
          sent.add(producer.send(event(physical, 0, i, correlation)));
        }
        producer.flush();
        offsets.put("malformed", malformed.get(30, TimeUnit.SECONDS).offset());
        offsets.put("nul", nulSent.get(30, TimeUnit.SECONDS).offset());
        offsets.put("refused", refusedSent.get(30, TimeUnit.SECONDS).offset());
        for (Future<RecordMetadata> f : sent) {
          f.get(30, TimeUnit.SECONDS);
        }
      }
      dead =
          kafka.await(
              kafka.topic(Topics.dlq(topic)),
              r -> "audit-service".equals(TestKafka.header(r, "dead-letter-consumer")),
              3,
              AuditApi.WAIT);
      // the good records behind them are in, so the refused one is acked (see
      // AuditIngestionTest): the constraint may go
      recorded = awaitRecorded(correlation, TYPE, 40);
    } finally {
      AuditApi.sql("alter table audit_entry drop constraint " + constraint);
    }

    // every other record of the batch is recorded, in order
    assertThat(recorded).hasSize(40);
    assertThat(recorded).extracting(Recorded::offset).isSorted().doesNotHaveDuplicates();

    Map<String, ConsumerRecord<String, String>> byKey = new HashMap<>();
    dead.forEach(r -> byKey.putIfAbsent(r.key(), r));
    assertThat(byKey).containsOnlyKeys("malformed", "nul", "refused");
    assertThat(TestKafka.header(byKey.get("malformed"), "dead-letter-reason"))
        .isEqualTo("record carries no CloudEvents headers (ce_specversion is missing)");
    assertThat(byKey.get("malformed").value()).isEqualTo("no headers at all");
    assertThat(TestKafka.header(byKey.get("nul"), "dead-letter-reason")).contains("U+0000");
    assertThat(byKey.get("nul").value()).isEqualTo("{\"text\": \"a\\u0000b\"}");
    assertThat(TestKafka.header(byKey.get("refused"), "dead-letter-reason")).contains(constraint);
    assertThat(TestKafka.header(byKey.get("refused"), CloudEventAttributes.HEADER_TYPE))
        .isEqualTo(refusedType);
    assertThat(TestKafka.header(byKey.get("refused"), CloudEventAttributes.HEADER_ID))
        .isEqualTo(refusedId);
    for (String key : byKey.keySet()) {
      ConsumerRecord<String, String> letter = byKey.get(key);
      assertThat(TestKafka.header(letter, "dead-letter-topic")).isEqualTo(physical);
      assertThat(TestKafka.header(letter, "dead-letter-partition")).isEqualTo("0");
      assertThat(TestKafka.header(letter, "dead-letter-offset"))
          .isEqualTo(Long.toString(offsets.get(key)));
      assertThat(TestKafka.header(letter, "dead-letter-exception-class-name")).isNotBlank();
    }

    // one CRITICAL platform alert per dead letter
    List<EventEnvelope<MonitoringAlert>> alerts =
        kafka.awaitEvents(
            EventCatalog.MONITORING_ALERT,
            e -> e.data().message().contains(topic + "-0@"),
            3,
            AuditApi.WAIT);
    assertThat(alerts)
        .allSatisfy(
            e -> {
              assertThat(e.subject()).isEqualTo("audit-service");
              assertThat(e.source()).isEqualTo("/audit-service");
              MonitoringAlert alert = e.data();
              assertThat(alert.severity()).isEqualTo("CRITICAL");
              assertThat(alert.kind()).isEqualTo("audit-dead-letter");
              assertThat(alert.strategyId()).isNull();
              assertThat(alert.symbol()).isNull();
              assertThat(alert.component()).isEqualTo("audit-service");
              assertThat(alert.details()).containsEntry("partition", 0.0);
              assertThat(alert.message()).contains(Topics.dlq(physical));
            });
    assertThat(alerts)
        .extracting(e -> e.data().details().get("offset"))
        .contains(
            (double) offsets.get("malformed"),
            (double) offsets.get("nul"),
            (double) offsets.get("refused"));
    assertThat(alerts)
        .filteredOn(e -> e.data().details().get("offset") == (double) offsets.get("refused"))
        .allSatisfy(
            e -> {
              assertThat(e.correlationId()).isEqualTo(correlation);
              assertThat(e.data().message()).contains(constraint);
            });
    assertThat(deadLetterCount(topic)).isGreaterThanOrEqualTo(deadLettersBefore + 3);
  }

  @Test
  void metricsShowTheIngestionLagAndTheEntriesAppended() {
    await()
        .atMost(AuditApi.WAIT)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              String metrics = metrics();
              assertThat(metric(metrics, "audit_ingest_entries_total", "")).isPositive();
              assertThat(metric(metrics, "audit_ingest_batch_seconds_count", "")).isPositive();
              // nothing is waiting once the service has caught up
              assertThat(metric(metrics, "audit_ingest_lag_records", "")).isZero();
            });
  }

  /** An event of a type no code of the platform knows, numbered {@code n}, keyed by its number. */
  private static ProducerRecord<String, String> event(
      String physicalTopic, int partition, int n, String correlation) {
    return record(
        physicalTopic,
        partition,
        "k" + n,
        "{\"n\": " + n + ", \"run\": \"" + correlation + "\"}",
        TYPE,
        correlation);
  }

  private static ProducerRecord<String, String> record(
      String physicalTopic,
      int partition,
      String key,
      String value,
      String type,
      String correlation) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(physicalTopic, partition, key, value);
    AuditApi.cloudEvent(type, key, correlation, Instant.now().toString())
        .forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  private static String header(ProducerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** Lower-case letters only: topic segments of the subscription pattern hold nothing else. */
  private static String letters() {
    StringBuilder out = new StringBuilder();
    for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
      out.append((char) ('a' + Character.digit(c, 16)));
    }
    return out.toString();
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            20),
        new StringSerializer(),
        new StringSerializer());
  }

  private static String bootstrap() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }

  /** An entry as stored: where its record was read. */
  private record Recorded(
      long seq, UUID eventId, String type, String topic, int partition, long offset) {}

  /**
   * Waits until {@code count} entries of {@code type} carry {@code correlationId} (the alerts about
   * dead letters carry it too); returns them in seq order.
   */
  private static List<Recorded> awaitRecorded(String correlationId, String type, int count)
      throws SQLException {
    await()
        .atMost(AuditApi.WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> recorded(correlationId, type).size() >= count);
    return recorded(correlationId, type);
  }

  private static List<Recorded> recorded(String correlationId, String type) throws SQLException {
    try (Connection c = AuditApi.database();
        PreparedStatement s =
            c.prepareStatement(
                "select seq, event_id, type, topic, record_partition, record_offset"
                    + " from audit_entry where correlation_id = ? and type = ? order by seq")) {
      s.setString(1, correlationId);
      s.setString(2, type);
      List<Recorded> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Recorded(
                  rs.getLong(1),
                  rs.getObject(2, UUID.class),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getInt(5),
                  rs.getLong(6)));
        }
      }
      return out;
    }
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static double deadLetterCount(String topic) {
    return metric(metrics(), "audit_dead_letters_total", "topic=\"" + topic + "\"");
  }

  /** The value of a metric line whose labels contain {@code label}; 0 when absent. */
  private static double metric(String metrics, String name, String label) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(metrics);
    while (m.find()) {
      String labels = m.group(1) == null ? "" : m.group(1);
      if (labels.contains(label)) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }
}

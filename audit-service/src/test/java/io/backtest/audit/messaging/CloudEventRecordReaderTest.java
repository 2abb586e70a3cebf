package io.backtest.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.audit.AuditSamples;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Which records the audit log accepts, and what it reads from them. */
class CloudEventRecordReaderTest {
  private static final String PREFIX = "t0a1b2c3d.";
  private final CloudEventRecordReader reader = new CloudEventRecordReader(PREFIX);
  private final UUID id = UUID.randomUUID();
  private final UUID cycle = UUID.randomUUID();

  private Map<String, String> headers(String type) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", id.toString());
    headers.put("ce_source", "/strategy-service");
    headers.put("ce_type", type);
    headers.put("ce_subject", cycle.toString());
    headers.put("ce_time", "2026-01-05T10:00:00.123456789+01:00");
    headers.put("ce_correlationid", "corr-1");
    headers.put("ce_causationid", "cause-1");
    return headers;
  }

  private static RecordHeaders kafka(Map<String, String> headers) {
    RecordHeaders kafka = new RecordHeaders();
    headers.forEach((k, v) -> kafka.add(k, v.getBytes(StandardCharsets.UTF_8)));
    return kafka;
  }

  private ReceivedEvent read(String topic, Map<String, String> headers, String value) {
    return reader.read(PREFIX + topic, 3, 41, kafka(headers), value);
  }

  @Test
  void knownEventIsReadWithItsContextValidatedAndSummarised() {
    String payload = EventJson.write(AuditSamples.cycleStarted(cycle, 2));

    ReceivedEvent event = read("cycle.started", headers("io.backtest.cycle.started"), payload);

    assertThat(event.eventId()).isEqualTo(id);
    assertThat(event.type()).isEqualTo("io.backtest.cycle.started");
    assertThat(event.source()).isEqualTo("/strategy-service");
    assertThat(event.subject()).isEqualTo(cycle.toString());
    assertThat(event.correlationId()).isEqualTo("corr-1");
    assertThat(event.causationId()).isEqualTo("cause-1");
    // to UTC, nanoseconds cut to the database's microseconds
    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-01-05T09:00:00.123456Z"));
    assertThat(event.topic()).isEqualTo("cycle.started");
    assertThat(event.partition()).isEqualTo(3);
    assertThat(event.offset()).isEqualTo(41);
    assertThat(event.payload().get("candidates").intValue()).isEqualTo(2);
    assertThat(event.summary()).startsWith("Cycle " + cycle + " started: 2 sma-crossover");
  }

  @Test
  void unknownTypeIsAcceptedAsReceivedWithoutSubjectOrCorrelation() {
    Map<String, String> headers = headers("io.lab.experiment.done");
    headers.remove("ce_subject");
    headers.remove("ce_correlationid");
    headers.remove("ce_causationid");
    headers.remove("ce_time");

    ReceivedEvent event = read("experiment.done", headers, "{\"score\": 0.5, \"tags\": [\"x\"]}");

    assertThat(event.subject()).isNull();
    assertThat(event.correlationId()).isNull();
    assertThat(event.eventTime()).isNull();
    assertThat(event.topic()).isEqualTo("experiment.done");
    assertThat(event.summary())
        .isEqualTo("Event io.lab.experiment.done from /strategy-service, recorded as received");
  }

  @Test
  void recordWithoutCloudEventsHeadersIsMalformed() {
    assertThatThrownBy(() -> read("cycle.started", Map.of(), "{}"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("no CloudEvents headers");
  }

  @Test
  void partialCloudEventsHeadersAreMalformed() {
    Map<String, String> headers = headers("io.lab.x");
    headers.remove("ce_source");

    assertThatThrownBy(() -> read("lab.x", headers, "{}"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("ce_source is missing");
  }

  @Test
  void nonUuidIdIsMalformed() {
    Map<String, String> headers = headers("io.lab.x");
    headers.put("ce_id", "42");

    assertThatThrownBy(() -> read("lab.x", headers, "{}"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("ce_id is not a UUID: 42");
  }

  @Test
  void unparseableTimeAndOtherSpecVersionsAreMalformed() {
    Map<String, String> badTime = headers("io.lab.x");
    badTime.put("ce_time", "yesterday");
    Map<String, String> oldSpec = headers("io.lab.x");
    oldSpec.put("ce_specversion", "0.3");

    assertThatThrownBy(() -> read("lab.x", badTime, "{}"))
        .hasMessage("ce_time is not an RFC 3339 timestamp: yesterday");
    assertThatThrownBy(() -> read("lab.x", oldSpec, "{}"))
        .hasMessage("ce_specversion 0.3 is not supported (expected 1.0)");
  }

  @Test
  void attributeWithANulCharacterIsMalformed() {
    Map<String, String> headers = headers("io.lab.x");
    headers.put("ce_subject", "a\u0000b");

    assertThatThrownBy(() -> read("lab.x", headers, "{}"))
        .hasMessage("ce_subject contains the character U+0000");
  }

  @Test
  void emptyAttributesCountAsMissing() {
    String payload = EventJson.write(AuditSamples.cycleStarted(cycle, 1));
    Map<String, String> emptySubject = headers("io.backtest.cycle.started");
    emptySubject.put("ce_subject", "");
    Map<String, String> emptyType = headers("io.backtest.cycle.started");
    emptyType.put("ce_type", "");

    assertThatThrownBy(() -> read("cycle.started", emptySubject, payload))
        .hasMessage("ce_subject is missing");
    assertThatThrownBy(() -> read("cycle.started", emptyType, payload))
        .hasMessage("ce_type is missing");
  }

  @Test
  void payloadMustBeOneJsonObject() {
    Map<String, String> headers = headers("io.lab.x");

    assertThatThrownBy(() -> read("lab.x", headers, "[1, 2]"))
        .hasMessage("payload is not a JSON object but array");
    assertThatThrownBy(() -> read("lab.x", headers, "{\"a\": "))
        .hasMessageStartingWith("payload is not valid JSON");
    assertThatThrownBy(() -> read("lab.x", headers, "{\"a\": 1, \"a\": 2}"))
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> read("lab.x", headers, "{\"a\": 1e400}"))
        .hasMessageContaining("not a valid JSON number");
    assertThatThrownBy(() -> read("lab.x", headers, "{\"a\": \"\\u0000\"}"))
        .hasMessageContaining("U+0000");
    assertThatThrownBy(() -> read("lab.x", headers, null)).hasMessage("record has no value");
  }

  @Test
  void knownTypeWithAnInvalidPayloadIsMalformed() {
    String payload = "{\"cycleId\": \"" + cycle + "\", \"candidates\": 0}";

    assertThatThrownBy(() -> read("cycle.started", headers("io.backtest.cycle.started"), payload))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageStartingWith("not a valid CycleStarted");
  }

  @Test
  void knownTypeOnAnotherTopicOrWithoutCorrelationIsMalformed() {
    String payload = EventJson.write(AuditSamples.cycleStarted(cycle, 1));
    Map<String, String> uncorrelated = headers("io.backtest.cycle.started");
    uncorrelated.remove("ce_correlationid");

    assertThatThrownBy(() -> read("cycle.completed", headers("io.backtest.cycle.started"), payload))
        .hasMessage(
            "type io.backtest.cycle.started belongs on cycle.started but arrived on"
                + " cycle.completed");
    assertThatThrownBy(() -> read("cycle.started", uncorrelated, payload))
        .hasMessage("ce_correlationid is missing");
  }
}

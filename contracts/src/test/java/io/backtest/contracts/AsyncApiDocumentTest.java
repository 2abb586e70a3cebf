package io.backtest.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * asyncapi.yaml describes exactly the catalog's topics, with the checked-in schemas as payloads.
 */
class AsyncApiDocumentTest {
  private static JsonNode doc;

  @BeforeAll
  static void read() throws IOException {
    doc = new ObjectMapper(new YAMLFactory()).readTree(Path.of("asyncapi.yaml").toFile());
  }

  static Iterable<EventType<?>> events() {
    return EventCatalog.ALL;
  }

  @Test
  void isAnAsyncApi3Document() {
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    assertThat(doc.path("channels").size()).isEqualTo(EventCatalog.ALL.size());
    assertThat(doc.path("operations").size()).isEqualTo(EventCatalog.ALL.size());
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyTopicHasAChannelWithItsMessageSchemaAndKey(EventType<?> type) {
    JsonNode channel = channelFor(type.topic());
    assertThat(channel).as("channel for %s", type.topic()).isNotNull();
    String name = type.payload().getSimpleName();
    assertThat(channel.path("messages").path(name).path("$ref").asText())
        .isEqualTo("#/components/messages/" + name);
    assertThat(channel.path("bindings").path("kafka").path("partitions").asInt())
        .isGreaterThanOrEqualTo(type.partitions());

    JsonNode message = doc.path("components").path("messages").path(name);
    String schemaRef = message.path("payload").path("schema").path("$ref").asText();
    assertThat(schemaRef).isEqualTo("./src/main/resources/schemas/" + type.schemaFile());
    assertThat(Files.exists(Path.of(schemaRef))).as(schemaRef).isTrue();
    assertThat(message.path("x-ce-type").asText()).isEqualTo(type.type());
    assertThat(message.path("x-subject").asText()).isEqualTo(type.subject());
    assertThat(message.path("headers").path("$ref").asText())
        .isEqualTo("#/components/schemas/CloudEventHeaders");
    assertThat(message.path("bindings").path("kafka").path("key").path("type").asText())
        .isEqualTo("string");
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyTopicHasASendOperation(EventType<?> type) {
    String channelKey = channelKeyFor(type.topic());
    boolean found = false;
    for (JsonNode op : doc.path("operations")) {
      if (op.path("channel").path("$ref").asText().equals("#/channels/" + channelKey)) {
        assertThat(op.path("action").asText()).isEqualTo("send");
        found = true;
      }
    }
    assertThat(found).as("operation for %s", type.topic()).isTrue();
  }

  @Test
  void headersDeclareEveryCloudEventsAttributeTheServicesSet() {
    JsonNode headers = doc.path("components").path("schemas").path("CloudEventHeaders");
    Set<String> required = new HashSet<>();
    headers.path("required").forEach(n -> required.add(n.asText()));
    assertThat(required)
        .contains(
            CloudEventAttributes.HEADER_ID,
            CloudEventAttributes.HEADER_SPEC_VERSION,
            CloudEventAttributes.HEADER_TYPE,
            CloudEventAttributes.HEADER_SOURCE,
            CloudEventAttributes.HEADER_SUBJECT,
            CloudEventAttributes.HEADER_TIME,
            CloudEventAttributes.HEADER_CORRELATION_ID);
    assertThat(headers.path("properties").has(CloudEventAttributes.HEADER_CAUSATION_ID)).isTrue();
  }

  private static JsonNode channelFor(String topic) {
    String key = channelKeyFor(topic);
    return key == null ? null : doc.path("channels").get(key);
  }

  private static String channelKeyFor(String topic) {
    var it = doc.path("channels").fields();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getValue().path("address").asText().equals(topic)) {
        return e.getKey();
      }
    }
    return null;
  }
}

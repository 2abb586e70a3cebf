package io.backtest.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.backtest.contracts.events.MonitoringAlert;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records and the checked-in JSON Schemas describe the same events: every sample serialises to
 * JSON its schema accepts, and renaming a field on either side breaks the check.
 */
class EventSchemaTest {
  private static final String BASE = "https://schemas.backtest.io/events/";
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(BASE, "classpath:schemas/")));

  static Stream<EventType<?>> events() {
    return EventCatalog.ALL.stream();
  }

  private static Schema schemaOf(EventType<?> type) {
    return REGISTRY.getSchema(SchemaLocation.of(BASE + type.schemaFile()));
  }

  private static JsonNode sampleJson(EventType<?> type) {
    Object sample = SampleEvents.all().get(type);
    assertThat(sample).as("a sample of %s", type.topic()).isNotNull();
    assertThat(sample).isInstanceOf(type.payload());
    return EventJson.mapper().valueToTree(sample);
  }

  @ParameterizedTest
  @MethodSource("events")
  void sampleOfEveryEventValidatesAgainstItsSchema(EventType<?> type) {
    List<Error> errors = schemaOf(type).validate(sampleJson(type));
    assertThat(errors).as("schema errors of %s", type.topic()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("events")
  void schemaRequiresExactlyTheRecordsFields(EventType<?> type) throws IOException {
    JsonNode schema = readSchemaFile(type.schemaFile());
    Set<String> components =
        Arrays.stream(type.payload().getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(names(schema.get("properties").fieldNames())).isEqualTo(components);
    assertThat(names(schema.get("required").elements(), JsonNode::asText)).isEqualTo(components);
    assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.get("$id").asText()).isEqualTo(BASE + type.schemaFile());
  }

  @ParameterizedTest
  @MethodSource("events")
  void renamingAnyFieldInTheJsonFailsValidation(EventType<?> type) {
    ObjectNode json = (ObjectNode) sampleJson(type);
    List<String> fields = names(json.fieldNames()).stream().toList();
    for (String field : fields) {
      ObjectNode renamed = json.deepCopy();
      renamed.set(field + "Renamed", renamed.remove(field));
      assertThat(schemaOf(type).validate(renamed))
          .as("%s with %s renamed", type.topic(), field)
          .isNotEmpty();
    }
  }

  /** Maps whose keys are data, not field names: any name is valid. */
  private static final Set<String> FREE_FORM =
      Set.of("parameters", "market.regime.changed:statistics", "monitoring.alert:details");

  @ParameterizedTest
  @MethodSource("events")
  void renamingANestedFieldFailsValidation(EventType<?> type) {
    ObjectNode json = (ObjectNode) sampleJson(type);
    List<String> nestedObjects =
        names(json.fieldNames()).stream().filter(f -> json.get(f).isObject()).toList();
    for (String field : nestedObjects) {
      ObjectNode nested = (ObjectNode) json.get(field);
      if (FREE_FORM.contains(field)
          || FREE_FORM.contains(type.topic() + ":" + field)
          || nested.isEmpty()) {
        continue; // free-form map by design
      }
      String inner = nested.fieldNames().next();
      ObjectNode copy = json.deepCopy();
      ObjectNode target = (ObjectNode) copy.get(field);
      target.set(inner + "Renamed", target.remove(inner));
      assertThat(schemaOf(type).validate(copy))
          .as("%s with %s.%s renamed", type.topic(), field, inner)
          .isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventSurvivesAJsonRoundTrip(EventType<?> type) {
    Object sample = SampleEvents.all().get(type);
    String json = EventJson.write(sample);
    Object read = EventJson.read(json, type.payload());
    assertThat(EventJson.write(read)).isEqualTo(json);
  }

  @Test
  void everySchemaFileBelongsToAnEvent() throws IOException {
    Set<String> expected = new TreeSet<>();
    EventCatalog.ALL.forEach(t -> expected.add(t.schemaFile()));
    expected.add("common.json");
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/schemas"))) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
          .isEqualTo(expected);
    }
  }

  @Test
  void catalogHasOneEntryPerTopicAndType() {
    assertThat(EventCatalog.ALL.stream().map(EventType::topic).distinct())
        .hasSameSizeAs(EventCatalog.ALL);
    assertThat(EventCatalog.ALL.stream().map(EventType::type).distinct())
        .hasSameSizeAs(EventCatalog.ALL);
    assertThat(SampleEvents.all().keySet()).containsExactlyInAnyOrderElementsOf(EventCatalog.ALL);
    assertThat(EventCatalog.BACKTEST_REQUESTED.partitions()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void platformAlertNamesItsComponentAndAnAlertNamingNothingIsRejectedOnBothSides() {
    MonitoringAlert platform =
        new MonitoringAlert(
            UUID.fromString("0f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f"),
            "CRITICAL",
            "audit-dead-letter",
            null,
            null,
            "audit-service",
            "record market.bars-2@17 dead-lettered: ce_source is missing",
            Map.of("partition", 2.0, "offset", 17.0),
            Instant.parse("2026-01-05T10:00:00Z"));
    ObjectNode json = EventJson.mapper().valueToTree(platform);
    Schema schema = schemaOf(EventCatalog.MONITORING_ALERT);

    assertThat(platform.subject()).isEqualTo("audit-service");
    assertThat(schema.validate(json)).isEmpty();
    ObjectNode namingNothing = json.deepCopy().putNull("component");
    assertThat(schema.validate(namingNothing)).isNotEmpty();
    assertThatThrownBy(
            () ->
                EventJson.read(
                    EventJson.mapper().writeValueAsString(namingNothing), MonitoringAlert.class))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("platform component");
    assertThatThrownBy(
            () ->
                new MonitoringAlert(
                    platform.alertId(),
                    "CRITICAL",
                    "audit-dead-letter",
                    null,
                    null,
                    " ",
                    platform.message(),
                    Map.of(),
                    platform.raisedAt()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static JsonNode readSchemaFile(String file) throws IOException {
    try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + file)) {
      assertThat(in).as(file).isNotNull();
      return EventJson.mapper().readTree(in);
    }
  }

  private static Set<String> names(Iterator<String> it) {
    Set<String> out = new TreeSet<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static <T> Set<String> names(
      Iterator<T> it, java.util.function.Function<T, String> name) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(e -> out.add(name.apply(e)));
    assertThat(out).doesNotHaveDuplicates();
    return new TreeSet<>(out);
  }

  static Map<EventType<?>, Object> samples() {
    return SampleEvents.all();
  }
}

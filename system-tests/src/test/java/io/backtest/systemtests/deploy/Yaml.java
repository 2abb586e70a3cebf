package io.backtest.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** YAML files as Jackson trees, and the few tree reads the checks repeat. */
public final class Yaml {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  private Yaml() {}

  public static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  /** Every document of a multi-document file ({@code ---}), empty documents left out. */
  public static List<JsonNode> readAll(Path file) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
          documents.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
    return documents;
  }

  /**
   * The text of a scalar ({@code 8081} and {@code "8081"} alike); null when absent or not scalar.
   */
  public static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()
        ? null
        : node.asText();
  }

  /** The elements of an array node (none when absent). */
  public static List<JsonNode> elements(JsonNode node) {
    return node == null || !node.isArray()
        ? List.of()
        : StreamSupport.stream(node.spliterator(), false).toList();
  }

  /** An object node's scalar fields as text (none when absent). */
  public static Map<String, String> scalars(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    return node.properties().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> text(e.getValue()) == null ? "" : text(e.getValue()),
                (a, b) -> b,
                java.util.LinkedHashMap::new));
  }

  /** An array of strings or one string, joined with spaces (a command, a health check test). */
  public static String joined(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (node.isArray()) {
      return elements(node).stream().map(JsonNode::asText).collect(Collectors.joining(" "));
    }
    return node.asText();
  }
}

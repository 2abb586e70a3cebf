package io.backtest.audit.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.merkle.SignedTreeHead;
import java.util.ArrayList;
import java.util.List;

/**
 * Heads an outside party kept (from the {@code audit.checkpoint} topic or {@code GET
 * /api/v1/audit/tree-head}), to hold an export against: a server that rewrites the log can sign new
 * heads, but it cannot make the heads others already hold agree with the rewritten entries.
 *
 * <p>The file is either a JSON array of head objects or JSON lines of them (blank lines ignored); a
 * head object has {@code treeSize}, {@code rootHash} (hex), {@code timestamp}, {@code keyId} and
 * {@code signature} (base64), as the API and the checkpoint events give them.
 */
public final class WitnessedHeads {
  private WitnessedHeads() {}

  /**
   * The heads of a witness file.
   *
   * @throws IllegalArgumentException naming the line or element that is not a head
   */
  public static List<SignedTreeHead> parse(String text) {
    String trimmed = text.strip();
    List<SignedTreeHead> heads = new ArrayList<>();
    if (trimmed.startsWith("[")) {
      JsonNode node;
      try {
        node = CanonicalJson.parse(trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("witness file is not JSON: " + e.getMessage(), e);
      }
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        heads.add(read(array.get(i), "element " + i));
      }
      return heads;
    }
    String[] lines = trimmed.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = CanonicalJson.parse(line);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "witness file, line " + (i + 1) + ": not JSON: " + e.getMessage(), e);
      }
      heads.add(read(node, "line " + (i + 1)));
    }
    return heads;
  }

  private static SignedTreeHead read(JsonNode node, String where) {
    try {
      return ExportLines.readHead(node);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("witness file, " + where + ": " + e.getMessage(), e);
    }
  }
}

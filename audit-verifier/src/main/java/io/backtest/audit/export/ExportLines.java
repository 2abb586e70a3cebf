package io.backtest.audit.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHead;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The one definition of the audit log's export format, {@value #FORMAT}: audit-service writes its
 * lines with it and the offline verifier reads them with it, so the two cannot drift apart.
 *
 * <p>An export is JSON lines ({@value #MEDIA_TYPE}, UTF-8), one object per line:
 *
 * <ol>
 *   <li>{@code {"kind":"start","format":"backtest-audit-export/v1","fromSeq":F,"toSeq":T,
 *       "prevHash":hex,"frontier":[hex...]}}: the chain hash of entry F-1 (64 zeros when F = 1) and
 *       the frontier of the tree of the first F-1 entries ({@link
 *       io.backtest.audit.merkle.MerkleTree#frontier}), so that a part of the log is checked on its
 *       own;
 *   <li>per entry F..T, {@code {"kind":"entry","entry":{...},"hash":hex,"leafHash":hex}}, the entry
 *       in its RFC 8785 canonical form: the bytes of the {@code entry} member are the leaf;
 *   <li>right after the entry whose seq is a signed head's tree size, {@code
 *       {"kind":"head","treeSize":n,"rootHash":hex,"timestamp":iso,"keyId":id,"signature":b64}};
 *   <li>last, {@code {"kind":"end","entries":T-F+1,"anchor":head|null,"consistency":[hex...]}}: the
 *       latest head at or beyond T (without its {@code kind}) and the RFC 9162 consistency proof
 *       from the tree of T entries to it.
 * </ol>
 *
 * Reading is strict, since the lines come from a server the verifier does not trust: duplicate or
 * unknown members, missing ones, wrong types and an entry not in its canonical form are errors
 * ({@link IllegalArgumentException} naming the member).
 */
public final class ExportLines {
  /** The format's name, in the start line. */
  public static final String FORMAT = "backtest-audit-export/v1";

  /** JSON lines (newline-delimited JSON), UTF-8. */
  public static final String MEDIA_TYPE = "application/x-ndjson";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Set<String> START_MEMBERS =
      Set.of("kind", "format", "fromSeq", "toSeq", "prevHash", "frontier");
  private static final Set<String> ENTRY_MEMBERS = Set.of("kind", "entry", "hash", "leafHash");
  private static final Set<String> HEAD_MEMBERS =
      Set.of("kind", "treeSize", "rootHash", "timestamp", "keyId", "signature");
  private static final Set<String> END_MEMBERS = Set.of("kind", "entries", "anchor", "consistency");
  private static final Set<String> LOG_ENTRY_MEMBERS =
      Set.of(
          "seq",
          "eventId",
          "type",
          "source",
          "subject",
          "correlationId",
          "causationId",
          "eventTime",
          "ingestedAt",
          "topic",
          "partition",
          "offset",
          "payload",
          "summary",
          "prevHash");

  private ExportLines() {}

  /** One line of an export, read. */
  public sealed interface Line permits Start, Entry, Head, End {}

  /**
   * The first line.
   *
   * @param fromSeq the first entry exported, from 1
   * @param toSeq the last entry exported
   * @param prevHash the chain hash of entry {@code fromSeq - 1}; {@link Sha256#ZERO} from entry 1
   * @param frontier the perfect subtrees of the tree of the first {@code fromSeq - 1} entries, left
   *     to right
   */
  public record Start(long fromSeq, long toSeq, Sha256 prevHash, List<Sha256> frontier)
      implements Line {
    public Start {
      Objects.requireNonNull(prevHash, "prevHash");
      frontier = List.copyOf(frontier);
    }
  }

  /**
   * An entry with the hashes the log stored for it.
   *
   * @param entry what is hashed
   * @param hash the stored chain hash
   * @param leafHash the stored leaf hash
   */
  public record Entry(LogEntry entry, Sha256 hash, Sha256 leafHash) implements Line {
    public Entry {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(leafHash, "leafHash");
    }
  }

  /** A signed head, placed right after the entry whose seq is its tree size. */
  public record Head(SignedTreeHead head) implements Line {
    public Head {
      Objects.requireNonNull(head, "head");
    }
  }

  /**
   * The last line.
   *
   * @param entries how many entry lines precede it
   * @param anchor the latest signed head whose size is at least {@code toSeq}; null if none
   * @param consistency the consistency proof from the tree of {@code toSeq} entries to the anchor
   */
  public record End(long entries, SignedTreeHead anchor, List<Sha256> consistency) implements Line {
    public End {
      consistency = List.copyOf(consistency);
    }
  }

  // ---------------------------------------------------------------- writing

  /** The start line (without its line feed). */
  public static String start(long fromSeq, long toSeq, Sha256 prevHash, List<Sha256> frontier) {
    ObjectNode line = NODES.objectNode();
    line.put("kind", "start");
    line.put("format", FORMAT);
    line.put("fromSeq", fromSeq);
    line.put("toSeq", toSeq);
    line.put("prevHash", prevHash.hex());
    line.set("frontier", hexes(frontier));
    return write(line);
  }

  /** The line of one entry: the entry in canonical form, so that its bytes are the leaf. */
  public static String entry(LogEntry entry, Sha256 hash, Sha256 leafHash) {
    return "{\"kind\":\"entry\",\"entry\":"
        + entry.canonicalJson()
        + ",\"hash\":\""
        + hash.hex()
        + "\",\"leafHash\":\""
        + leafHash.hex()
        + "\"}";
  }

  /** The line of a signed head. */
  public static String head(SignedTreeHead head) {
    ObjectNode line = NODES.objectNode();
    line.put("kind", "head");
    line.setAll(headJson(head));
    return write(line);
  }

  /** The end line. */
  public static String end(long entries, SignedTreeHead anchor, List<Sha256> consistency) {
    ObjectNode line = NODES.objectNode();
    line.put("kind", "end");
    line.put("entries", entries);
    line.set("anchor", anchor == null ? NODES.nullNode() : headJson(anchor));
    line.set("consistency", hexes(consistency));
    return write(line);
  }

  /**
   * A head as JSON: {@code treeSize}, {@code rootHash} (hex), {@code timestamp} (ISO-8601), {@code
   * keyId}, {@code signature} (base64); the shape of {@code GET /api/v1/audit/tree-head}.
   */
  public static ObjectNode headJson(SignedTreeHead signed) {
    TreeHead head = signed.head();
    ObjectNode json = NODES.objectNode();
    json.put("treeSize", head.treeSize());
    json.put("rootHash", head.rootHash().hex());
    json.put("timestamp", head.timestamp().toString());
    json.put("keyId", head.keyId());
    json.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
    return json;
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads one line.
   *
   * @throws IllegalArgumentException when it is not one of the format's lines, saying why
   */
  public static Line parse(String text) {
    JsonNode node = CanonicalJson.parse(text);
    if (!(node instanceof ObjectNode line)) {
      throw new IllegalArgumentException("a line must be a JSON object");
    }
    String kind = text(line, "kind");
    return switch (kind) {
      case "start" -> readStart(line);
      case "entry" -> readEntry(line);
      case "head" -> new Head(readHead(line, HEAD_MEMBERS));
      case "end" -> readEnd(line);
      default -> throw new IllegalArgumentException("unknown kind \"" + kind + "\"");
    };
  }

  /**
   * A signed head from its JSON ({@link #headJson}; a {@code "kind":"head"} member is allowed), as
   * {@code GET /api/v1/audit/tree-head} and the {@code audit.checkpoint} events give it.
   *
   * @throws IllegalArgumentException when it is not a head
   */
  public static SignedTreeHead readHead(JsonNode json) {
    if (!(json instanceof ObjectNode object)) {
      throw new IllegalArgumentException("a head must be a JSON object");
    }
    if (object.has("kind") && !"head".equals(object.get("kind").textValue())) {
      throw new IllegalArgumentException("kind must be \"head\"");
    }
    return readHead(object, HEAD_MEMBERS);
  }

  private static Start readStart(ObjectNode line) {
    members(line, START_MEMBERS, "start line");
    String format = text(line, "format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          "format is \"" + format + "\", this verifier reads \"" + FORMAT + "\"");
    }
    return new Start(
        integer(line, "fromSeq"),
        integer(line, "toSeq"),
        hash(line, "prevHash"),
        hashes(line, "frontier"));
  }

  private static Entry readEntry(ObjectNode line) {
    members(line, ENTRY_MEMBERS, "entry line");
    JsonNode json = line.get("entry");
    if (!(json instanceof ObjectNode entry)) {
      throw new IllegalArgumentException("entry must be a JSON object");
    }
    members(entry, LOG_ENTRY_MEMBERS, "entry");
    LogEntry read;
    try {
      read =
          new LogEntry(
              integer(entry, "seq"),
              uuid(entry, "eventId"),
              text(entry, "type"),
              text(entry, "source"),
              optionalText(entry, "subject"),
              optionalText(entry, "correlationId"),
              optionalText(entry, "causationId"),
              optionalInstant(entry, "eventTime"),
              instant(entry, "ingestedAt"),
              text(entry, "topic"),
              Math.toIntExact(integer(entry, "partition")),
              integer(entry, "offset"),
              object(entry, "payload"),
              text(entry, "summary"),
              hash(entry, "prevHash"));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("partition is not a 32-bit integer", e);
    }
    // what is hashed is what was exported: no member the verifier would otherwise skip or
    // normalise
    if (!CanonicalJson.canonicalize(entry).equals(read.canonicalJson())) {
      throw new IllegalArgumentException("entry is not in the log's canonical form");
    }
    return new Entry(read, hash(line, "hash"), hash(line, "leafHash"));
  }

  private static End readEnd(ObjectNode line) {
    members(line, END_MEMBERS, "end line");
    JsonNode anchor = line.get("anchor");
    SignedTreeHead head;
    if (anchor.isNull()) {
      head = null;
    } else if (anchor instanceof ObjectNode object) {
      head = readHead(object, Set.of("treeSize", "rootHash", "timestamp", "keyId", "signature"));
    } else {
      throw new IllegalArgumentException("anchor must be a head object or null");
    }
    return new End(integer(line, "entries"), head, hashes(line, "consistency"));
  }

  private static SignedTreeHead readHead(ObjectNode json, Set<String> allowed) {
    Set<String> required = Set.of("treeSize", "rootHash", "timestamp", "keyId", "signature");
    members(json, allowed, required, "head");
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(text(json, "signature"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signature is not base64", e);
    }
    try {
      return new SignedTreeHead(
          new TreeHead(
              integer(json, "treeSize"),
              hash(json, "rootHash"),
              instant(json, "timestamp"),
              text(json, "keyId")),
          signature);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("head: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- members

  private static void members(ObjectNode json, Set<String> allowed, String what) {
    members(json, allowed, allowed, what);
  }

  private static void members(
      ObjectNode json, Set<String> allowed, Set<String> required, String what) {
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(what + " has an unknown member \"" + name + "\"");
      }
    }
    for (String name : required) {
      if (!json.has(name)) {
        throw new IllegalArgumentException(what + " has no member \"" + name + "\"");
      }
    }
  }

  private static String text(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return value.textValue();
  }

  private static String optionalText(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? null : text(json, name);
  }

  private static long integer(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
    return value.longValue();
  }

  private static Sha256 hash(JsonNode json, String name) {
    return hex(text(json, name), name);
  }

  private static Sha256 hex(String hex, String name) {
    if (hex.length() != 2 * Sha256.LENGTH || !hex.chars().allMatch(ExportLines::isLowerHex)) {
      throw new IllegalArgumentException(name + " must be 64 lowercase hex digits");
    }
    return Sha256.fromHex(hex);
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static List<Sha256> hashes(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (!(value instanceof ArrayNode array)) {
      throw new IllegalArgumentException(name + " must be an array of hashes");
    }
    List<Sha256> hashes = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isTextual()) {
        throw new IllegalArgumentException(name + "[" + i + "] must be a string");
      }
      hashes.add(hex(item.textValue(), name + "[" + i + "]"));
    }
    return hashes;
  }

  private static UUID uuid(JsonNode json, String name) {
    String text = text(json, name);
    UUID uuid;
    try {
      uuid = UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be a UUID", e);
    }
    if (!uuid.toString().equals(text)) {
      throw new IllegalArgumentException(name + " must be a UUID in its canonical lowercase form");
    }
    return uuid;
  }

  private static Instant instant(JsonNode json, String name) {
    try {
      return Instant.parse(text(json, name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO-8601 instant", e);
    }
  }

  private static Instant optionalInstant(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? null : instant(json, name);
  }

  private static ObjectNode object(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (!(value instanceof ObjectNode object)) {
      throw new IllegalArgumentException(name + " must be a JSON object");
    }
    return object;
  }

  private static ArrayNode hexes(List<Sha256> hashes) {
    ArrayNode array = NODES.arrayNode(hashes.size());
    hashes.forEach(hash -> array.add(hash.hex()));
    return array;
  }

  private static String write(ObjectNode line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of JSON nodes always serialises", e);
    }
  }
}

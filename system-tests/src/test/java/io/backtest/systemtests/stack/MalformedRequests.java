package io.backtest.systemtests.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Malformed requests to every operation of the API, generated from a seed: the same seed gives the
 * same requests. Every request is invalid by construction, so none may start work: the bodies start
 * from the README's examples with a value no mutation makes valid (an unknown dataset, a cycle or
 * strategy id that does not exist, a bar count below the minimum), then get broken further: fields
 * deleted, wrong types, out-of-range numbers, huge strings, deep nesting, injection strings,
 * duplicate keys, truncated JSON, trailing garbage, invalid UTF-8, bodies over the 1 MiB JSON limit
 * (413) and the wrong content type (415). The reads get injected, malformed and unknown ids and bad
 * query parameters.
 */
final class MalformedRequests {

  /** How a request is rate-limited at the gateway: the user bucket it draws from. */
  enum Bucket {
    READ,
    WRITE,
    HEAVY
  }

  /**
   * One request and what it must get.
   *
   * @param method HTTP method
   * @param path path and query, encoded
   * @param contentType the Content-Type header, null for none
   * @param body the bytes sent, null for none
   * @param expected the one status it must get, or 0 for any 4xx but 401, 403 and 429
   * @param bucket the rate limit bucket it takes a token from
   * @param kind what was done to it, for the report
   */
  record Probe(
      String method,
      String path,
      String contentType,
      byte[] body,
      int expected,
      Bucket bucket,
      String kind) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String JSON_TYPE = "application/json";

  /** Bodies per JSON operation. */
  static final int BODIES_PER_OPERATION = 110;

  /** JSON bodies are refused above this many bytes (gateway.limits.json-body). */
  static final int JSON_LIMIT = 1 << 20;

  static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "'; DROP TABLE strategies; --",
          "1; SELECT pg_sleep(10)",
          "\" OR \"\"=\"",
          "Robert'); DROP TABLE cycles;--",
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(1)>",
          "${jndi:ldap://127.0.0.1:1/a}",
          "{{7*7}}",
          "$(reboot)",
          "../../../../etc/passwd",
          "%00",
          "\u0000",
          "\r\nX-Injected: 1",
          "%s%s%s%n",
          "{\"$ne\": null}",
          "\uFEFF\u202E\uD83D\uDE00",
          "\\u0000\\");

  private static final List<String> MALFORMED_UUIDS =
      List.of(
          "1234",
          "not-a-uuid",
          "00000000-0000-0000-0000-00000000000g",
          "3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70-00",
          "3f1c2a9e5b7d4e8f9a102b3c4d5e6f7",
          "{3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70}",
          "-1",
          " ");

  private static final List<String> WRONG_CONTENT_TYPES =
      Arrays.asList(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "image/png",
          "text/csv",
          null);

  private static final List<byte[]> BAD_UTF8 =
      List.of(
          new byte[] {(byte) 0xff},
          new byte[] {(byte) 0xc3, 0x28},
          new byte[] {(byte) 0xc0, (byte) 0xaf},
          new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xe2, (byte) 0x82},
          new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xfe, (byte) 0xfe, (byte) 0xff, (byte) 0xff});

  private static final List<String> TRAILING =
      List.of("}", "]]", " garbage", ",", "\u0000", "{}", "\"x\"", ",\"a\":1}", "\n\n{\"b\":");

  private static final List<String> NOT_OBJECTS =
      List.of("", " ", "null", "true", "42", "\"text\"", "[]", "[{}]", "<xml/>", "{", "}", "{]");

  private final SplittableRandom random;
  private final List<Probe> probes = new ArrayList<>();

  MalformedRequests(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Every request of one run. */
  List<Probe> all() {
    String unknownDataset = "no-such-dataset-" + random.nextInt(1_000_000);
    UUID unknown = new UUID(random.nextLong(), random.nextLong());
    bodies(
        "POST",
        "/api/v1/cycles",
        Bucket.HEAVY,
        """
        {"datasetId": "%s", "candidates": 60, "seed": 42,
         "templates": ["sma-crossover", "macd"], "generation": "random",
         "walkForward": {"windows": "rolling", "inSampleBars": 120, "outOfSampleBars": 40,
                         "search": "grid", "points": 20, "objective": "sharpe"},
         "costs": {"feeBps": 10, "slippageBps": 5},
         "execution": {"fill": "next-open", "direction": "long-only"},
         "scoring": {"deflatedSharpe": 0.6, "sharpe": 0.2, "consistency": 0.1, "drawdown": 0.1}}
        """
            .formatted(unknownDataset));
    bodies(
        "POST",
        "/api/v1/backtests",
        Bucket.HEAVY,
        """
        {"datasetId": "%s", "template": "sma-crossover", "params": {"fast": 10, "slow": 50},
         "walkForward": {"windows": "rolling", "inSampleBars": 100, "outOfSampleBars": 30,
                         "search": "grid", "points": 20, "objective": "sharpe"},
         "costs": {"feeBps": 10, "slippageBps": 5},
         "execution": {"fill": "next-open", "direction": "long-only", "capital": 10000,
                       "positionFraction": 1},
         "seed": 42}
        """
            .formatted(unknownDataset));
    bodies(
        "POST",
        "/api/v1/market/replay",
        Bucket.HEAVY,
        """
        {"datasetId": "%s", "barsPerSecond": 50, "from": "2013-06-03T00:00:00Z"}
        """
            .formatted(unknownDataset));
    // one bar: below the minimum of 2, whatever else the mutations leave
    bodies(
        "POST",
        "/api/v1/datasets/synthetic",
        Bucket.HEAVY,
        """
        {"bars": 1, "seed": 7, "model": "regime-switching", "symbol": "SYN", "timeframe": "1m",
         "start": "2020-01-01T00:00:00Z", "startPrice": 100,
         "regimes": [
           {"name": "bull-quiet", "drift": 0.00002, "volatility": 0.0006, "meanDuration": 3000},
           {"name": "bear-volatile", "drift": -0.00004, "volatility": 0.002, "meanDuration": 1500}]}
        """);
    String decision =
        """
        {"reason": "passed every gate in the cycle of 1 May; promoted after the desk's review"}
        """;
    bodies("POST", "/api/v1/strategies/" + unknown + "/promote", Bucket.WRITE, decision);
    bodies("POST", "/api/v1/strategies/" + unknown + "/demote", Bucket.WRITE, decision);
    bodies(
        "POST",
        "/api/v1/deployments/rollback",
        Bucket.WRITE,
        """
        {"cycleId": "%s", "reason": "the next cycle's promotions drew down 9%% in two days"}
        """
            .formatted(unknown));
    uploads();
    ids();
    queries();
    return List.copyOf(probes);
  }

  // ------------------------------------------------------------------------------ JSON bodies

  private void bodies(String method, String path, Bucket bucket, String example) {
    JsonNode valid = parse(example);
    for (String type : WRONG_CONTENT_TYPES) {
      // without a Content-Type the body is read as the operation's JSON (and is invalid as such)
      add(
          method,
          path,
          type,
          bytes(valid.toString()),
          type == null ? 0 : 415,
          bucket,
          "content type " + type);
    }
    for (int i = 0; i < 3; i++) {
      ObjectNode big = valid.deepCopy();
      big.put("padding", "x".repeat(JSON_LIMIT + random.nextInt(JSON_LIMIT)));
      add(method, path, JSON_TYPE, bytes(big.toString()), 413, bucket, "body over 1 MiB");
    }
    int rest = BODIES_PER_OPERATION - WRONG_CONTENT_TYPES.size() - 3;
    for (int i = 0; i < rest; i++) {
      int kind = random.nextInt(12);
      JsonNode tree = valid.deepCopy();
      byte[] body;
      String what;
      switch (kind) {
        case 0, 1 -> {
          what = "deleted " + delete(tree);
          body = bytes(tree.toString());
        }
        case 2, 3, 4 -> {
          what = "replaced " + replace(tree);
          body = bytes(tree.toString());
        }
        case 5 -> {
          what = "replaced " + replace(tree) + ", deleted " + delete(tree);
          body = bytes(tree.toString());
        }
        case 6 -> {
          String field = pick(fieldNames(tree));
          boolean arrays = random.nextBoolean();
          int depth = 1_001 + random.nextInt(20_000);
          what = "deep nesting of " + field + ": " + depth + (arrays ? " arrays" : " objects");
          ((ObjectNode) tree).put(field, "@@nested@@");
          String nested =
              arrays
                  ? "[".repeat(depth) + "1" + "]".repeat(depth)
                  : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
          body = bytes(tree.toString().replace("\"@@nested@@\"", nested));
        }
        case 7 -> {
          String text = tree.toString();
          int at = 1 + random.nextInt(text.length() - 1);
          what = "truncated at " + at;
          body = bytes(text.substring(0, at));
        }
        case 8 -> {
          String garbage = pick(TRAILING);
          what = "trailing " + garbage.strip();
          body = bytes(tree.toString() + garbage);
        }
        case 9 -> {
          byte[] bad = BAD_UTF8.get(random.nextInt(BAD_UTF8.size()));
          what = "invalid UTF-8 " + hex(bad);
          body = insertInString(bytes(tree.toString()), bad);
        }
        case 10 -> {
          String field = pick(fieldNames(tree));
          String duplicate = "\"" + field + "\":" + value(1).toString();
          what = "duplicate key " + field;
          String text = tree.toString();
          body =
              bytes(
                  random.nextBoolean()
                      ? "{" + duplicate + "," + text.substring(1)
                      : text.substring(0, text.length() - 1) + "," + duplicate + "}");
        }
        default -> {
          String other = pick(NOT_OBJECTS);
          what = "not an object: " + other;
          body = bytes(other);
        }
      }
      add(method, path, JSON_TYPE, body, 0, bucket, what);
    }
  }

  /** Deletes a random field or element; its path. */
  private String delete(JsonNode root) {
    List<String> path = new ArrayList<>();
    JsonNode parent = root;
    while (true) {
      List<String> names = fieldNames(parent);
      if (names.isEmpty()) {
        return String.join(".", path) + " (nothing)";
      }
      String name = pick(names);
      path.add(name);
      JsonNode child = child(parent, name);
      if (child.isContainerNode() && child.size() > 0 && random.nextInt(3) > 0) {
        parent = child;
        continue;
      }
      if (parent instanceof ObjectNode o) {
        o.remove(name);
      } else {
        ((ArrayNode) parent).remove(Integer.parseInt(name));
      }
      return String.join(".", path);
    }
  }

  /** Replaces a random field's or element's value with a wrong one; its path and the value. */
  private String replace(JsonNode root) {
    List<String> path = new ArrayList<>();
    JsonNode parent = root;
    while (true) {
      List<String> names = fieldNames(parent);
      if (names.isEmpty()) {
        return String.join(".", path) + " (nothing)";
      }
      String name = pick(names);
      path.add(name);
      JsonNode child = child(parent, name);
      if (child.isContainerNode() && child.size() > 0 && random.nextInt(3) > 0) {
        parent = child;
        continue;
      }
      JsonNode value = value(0);
      if (parent instanceof ObjectNode o) {
        if (random.nextInt(8) == 0) {
          o.set("unknown" + random.nextInt(100), value);
        } else {
          o.set(name, value);
        }
      } else {
        ((ArrayNode) parent).set(Integer.parseInt(name), value);
      }
      String shown = value.toString();
      return String.join(".", path)
          + " with "
          + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown);
    }
  }

  /** A wrong value: other types, out-of-range numbers, huge or hostile strings, containers. */
  private JsonNode value(int depth) {
    return switch (random.nextInt(depth > 2 ? 6 : 8)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 ->
          switch (random.nextInt(9)) {
            case 0 -> NODES.numberNode(-1);
            case 1 -> NODES.numberNode(0);
            case 2 -> NODES.numberNode(1);
            case 3 -> NODES.numberNode(-2_147_483_649L);
            case 4 -> NODES.numberNode(new BigInteger("9223372036854775808"));
            case 5 -> NODES.numberNode(1e308);
            case 6 -> NODES.numberNode(-1e308);
            case 7 -> NODES.numberNode(0.5);
            default -> NODES.numberNode(new BigInteger("1" + "0".repeat(400)));
          };
      case 3, 4 -> NODES.textNode(pick(INJECTIONS));
      case 5 ->
          NODES.textNode(random.nextBoolean() ? "" : "A".repeat(10_000 + random.nextInt(500_000)));
      case 6 -> {
        ArrayNode a = NODES.arrayNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(value(depth + 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = NODES.objectNode();
        o.set(random.nextBoolean() ? "__proto__" : "$where", value(depth + 1));
        yield o;
      }
    };
  }

  // ------------------------------------------------------------------------------ CSV uploads

  private void uploads() {
    String header = "time,open,high,low,close,volume\n";
    List<String> csvs =
        List.of(
            "",
            header,
            header + "2020-01-01,1,2,0.5,1.5,10\n",
            "date;open;high;low;close\n2020-01-01;1;2;0.5;1.5\n2020-01-02;1;2;0.5;1.5\n",
            header + "2020-01-01,1,2,0.5,1.5,10\n2020-01-02,abc,2,0.5,1.5,10\n",
            header + "2020-01-01,1,0.5,2,1.5,10\n2020-01-02,1,0.5,2,1.5,10\n",
            header + "2020-01-01,-1,2,-3,1.5,10\n2020-01-02,-1,2,-3,1.5,10\n",
            header + "2020-01-02,1,2,0.5,1.5,10\n2020-01-01,1,2,0.5,1.5,10\n",
            header + "2020-01-01,1,2,0.5,1.5,10\n2020-01-01,1,2,0.5,1.5,10\n",
            header + "not-a-date,1,2,0.5,1.5,10\n2020-01-02,1,2,0.5,1.5,10\n",
            header + "2020-01-01,NaN,Infinity,0.5,1.5,10\n2020-01-02,1,2,0.5,1.5,10\n",
            header + "2020-01-01,1,2,0.5,1.5,10,extra,columns\n2020-01-02,1,2\n",
            header + "'; DROP TABLE datasets; --,1,2,0.5,1.5,10\n2020-01-02,1,2,0.5,1.5,10\n",
            "<html><body>not csv</body></html>",
            "{\"time\": \"2020-01-01\"}");
    for (int i = 0; i < 40; i++) {
      String csv = csvs.get(i % csvs.size());
      byte[] body = bytes(csv);
      String kind = "CSV " + (i % csvs.size());
      if (i >= csvs.size() && i < 2 * csvs.size() && !csv.isEmpty()) {
        byte[] bad = BAD_UTF8.get(random.nextInt(BAD_UTF8.size()));
        body = insertAt(body, random.nextInt(body.length), bad);
        kind += " with invalid UTF-8 " + hex(bad);
      }
      String name =
          i % 3 == 0 ? pick(INJECTIONS) : "malformed-" + Integer.toHexString(random.nextInt());
      String path =
          "/api/v1/datasets?name="
              + query(name)
              + "&symbol="
              + query(i % 4 == 0 ? pick(INJECTIONS) : "MALFORMED")
              + "&timeframe="
              + query(i % 5 == 0 ? "1 fortnight" : "1d")
              + (i % 6 == 0
                  ? "&barsPerYear=" + query(pick(List.of("-1", "0", "abc", "1e999")))
                  : "");
      add("POST", path, "text/csv", body, 0, Bucket.HEAVY, kind);
    }
  }

  // ------------------------------------------------------------------------------ ids and queries

  private void ids() {
    List<String> templates =
        List.of(
            "/api/v1/cycles/%s",
            "/api/v1/cycles/%s/leaderboard",
            "/api/v1/strategies/%s",
            "/api/v1/strategies/%s/scorecard",
            "/api/v1/market/replay/%s",
            "/api/v1/monitoring/strategies/%s",
            "/api/v1/datasets/%s",
            "/api/v1/datasets/%s/regimes",
            "/api/v1/audit/entries/%s");
    List<String> ids = new ArrayList<>(INJECTIONS);
    ids.addAll(MALFORMED_UUIDS);
    for (String template : templates) {
      for (String id : ids) {
        if (template.startsWith("/api/v1/audit") && id.matches("\\d+")) {
          continue; // a sequence number: a valid entry id
        }
        add("GET", template.formatted(segment(id)), null, null, 0, Bucket.READ, "id " + id);
      }
      String unknown =
          template.startsWith("/api/v1/datasets")
              ? "no-such-dataset-" + random.nextInt(1_000_000)
              : template.startsWith("/api/v1/audit")
                  ? Long.toString(Long.MAX_VALUE - random.nextInt(1000))
                  : new UUID(random.nextLong(), random.nextLong()).toString();
      add("GET", template.formatted(unknown), null, null, 404, Bucket.READ, "unknown id");
    }
    for (String id : ids) {
      add(
          "POST",
          "/api/v1/market/replay/" + segment(id) + "/stop",
          null,
          null,
          0,
          Bucket.WRITE,
          "id " + id);
    }
    add(
        "POST",
        "/api/v1/market/replay/" + new UUID(random.nextLong(), random.nextLong()) + "/stop",
        null,
        null,
        404,
        Bucket.WRITE,
        "unknown id");
  }

  private void queries() {
    List<String> lists =
        List.of(
            "/api/v1/strategies",
            "/api/v1/cycles",
            "/api/v1/datasets",
            "/api/v1/deployments/history",
            "/api/v1/market/windows",
            "/api/v1/market/replay",
            "/api/v1/monitoring/strategies",
            "/api/v1/monitoring/alerts",
            "/api/v1/regimes/history?symbol=SYN",
            "/api/v1/audit/entries",
            "/api/v1/cycles/" + new UUID(random.nextLong(), random.nextLong()) + "/leaderboard");
    List<String> paging =
        List.of(
            "page=-1",
            "size=0",
            "size=1000000000",
            "page=abc",
            "size=1e3",
            "page=99999999999999999999",
            "size=-5",
            "size=101",
            "page=" + query("' OR 1=1"),
            "size=" + query("<script>"));
    for (String list : lists) {
      for (String bad : paging) {
        add(
            "GET",
            list + (list.contains("?") ? "&" : "?") + bad,
            null,
            null,
            400,
            Bucket.READ,
            bad);
      }
    }
    List<String> others = new ArrayList<>();
    for (String injection : INJECTIONS) {
      String q = query(injection);
      others.add("/api/v1/strategies?cycleId=" + q);
      others.add("/api/v1/strategies?status=" + q);
      others.add("/api/v1/market/replay?status=" + q);
      others.add("/api/v1/monitoring/strategies?status=" + q);
      others.add("/api/v1/monitoring/alerts?strategyId=" + q);
      others.add("/api/v1/monitoring/alerts?from=" + q);
      others.add("/api/v1/monitoring/alerts?severity=" + q);
      others.add("/api/v1/audit/entries?from=" + q);
      others.add("/api/v1/audit/entries?to=" + q);
      others.add("/api/v1/regimes/current?symbol=" + q);
      others.add("/api/v1/regimes/history?symbol=" + q);
      others.add("/api/v1/audit/proofs/inclusion?seq=" + q);
      others.add("/api/v1/audit/proofs/consistency?first=" + q);
      others.add("/api/v1/audit/export?fromSeq=" + q);
    }
    UUID unknown = new UUID(random.nextLong(), random.nextLong());
    for (String points : List.of("0", "-1", "5001", "abc", "1e9")) {
      others.add("/api/v1/monitoring/strategies/" + unknown + "?points=" + points);
    }
    others.addAll(
        List.of(
            "/api/v1/regimes/current",
            "/api/v1/regimes/current?symbol=",
            "/api/v1/regimes/history",
            "/api/v1/audit/proofs/inclusion",
            "/api/v1/audit/proofs/inclusion?seq=0",
            "/api/v1/audit/proofs/inclusion?seq=1&treeSize=-1",
            "/api/v1/audit/proofs/consistency?first=-1",
            "/api/v1/audit/export?fromSeq=0",
            "/api/v1/audit/export?toSeq=-5"));
    for (String path : others) {
      add("GET", path, null, null, 0, Bucket.READ, "query");
    }
  }

  // ------------------------------------------------------------------------------ helpers

  private void add(
      String method,
      String path,
      String contentType,
      byte[] body,
      int expected,
      Bucket bucket,
      String kind) {
    probes.add(new Probe(method, path, contentType, body, expected, bucket, kind));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(names::add);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        names.add(Integer.toString(i));
      }
    }
    return names;
  }

  private static JsonNode child(JsonNode parent, String name) {
    return parent.isArray() ? parent.get(Integer.parseInt(name)) : parent.get(name);
  }

  /** Inserts bytes inside a random string value (after an opening quote), or anywhere. */
  private byte[] insertInString(byte[] body, byte[] inserted) {
    List<Integer> quotes = new ArrayList<>();
    for (int i = 0; i < body.length; i++) {
      if (body[i] == '"' && i + 1 < body.length && body[i + 1] != ':' && body[i + 1] != ',') {
        quotes.add(i + 1);
      }
    }
    int at = quotes.isEmpty() ? random.nextInt(body.length + 1) : pick(quotes);
    return insertAt(body, at, inserted);
  }

  private static byte[] insertAt(byte[] body, int at, byte[] inserted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + inserted.length);
    out.write(body, 0, at);
    out.write(inserted, 0, inserted.length);
    out.write(body, at, body.length - at);
    return out.toByteArray();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }

  /** A path segment, percent-encoded (a space as %20, a slash as %2F). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

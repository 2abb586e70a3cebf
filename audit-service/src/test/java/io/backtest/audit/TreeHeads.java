package io.backtest.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.log.HashChain;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHead;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an outside verifier does with the API's answers: rebuilds heads, keys and leaves from the
 * JSON alone, to check them with the merkle package's client-side verifiers.
 */
public final class TreeHeads {
  private TreeHeads() {}

  /** Waits for a signed head covering at least {@code size} entries, and answers it. */
  public static SignedTreeHead awaitCovering(long size) {
    await()
        .atMost(AuditApi.WAIT)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              SignedTreeHead head = latest();
              return head != null && head.head().treeSize() >= size;
            });
    return latest();
  }

  /** {@code GET /api/v1/audit/tree-head}, or null while there is none (404). */
  public static SignedTreeHead latest() {
    var response = given().get("/api/v1/audit/tree-head");
    if (response.statusCode() == 404) {
      return null;
    }
    return head(response.then().statusCode(200).extract().jsonPath().getMap("$"));
  }

  /** A head from its JSON. */
  public static SignedTreeHead head(Map<String, Object> json) {
    return new SignedTreeHead(
        new TreeHead(
            ((Number) json.get("treeSize")).longValue(),
            Sha256.fromHex((String) json.get("rootHash")),
            Instant.parse((String) json.get("timestamp")),
            (String) json.get("keyId")),
        Base64.getDecoder().decode((String) json.get("signature")));
  }

  /** The keys {@code GET /api/v1/audit/public-keys} publishes, checked against their ids. */
  public static KeyRing publishedKeys() {
    JsonPath json =
        given().get("/api/v1/audit/public-keys").then().statusCode(200).extract().jsonPath();
    Map<String, String> keys = json.getMap("keys");
    List<PublicKey> ring = new ArrayList<>();
    keys.forEach(
        (id, encoded) -> {
          PublicKey key = Ed25519Keys.publicKey(encoded);
          if (!Ed25519Keys.keyId(key).equals(id)) {
            throw new AssertionError(
                "key published as " + id + " has id " + Ed25519Keys.keyId(key));
          }
          ring.add(key);
        });
    return KeyRing.of(ring);
  }

  /** Hex hashes to bytes. */
  public static List<byte[]> path(List<String> hex) {
    return hex.stream().map(HexFormat.of()::parseHex).toList();
  }

  /**
   * The entry {@code GET /api/v1/audit/entries/{seq}} shows, as JSON read exactly (numbers as
   * written).
   */
  public static JsonNode entry(long seq) {
    return CanonicalJson.parse(
        given()
            .get("/api/v1/audit/entries/{seq}", seq)
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  /**
   * The leaf hash of an entry recomputed from the members the API shows: SHA-256(0x00 || RFC 8785
   * JSON of everything but hash and leafHash).
   */
  public static Sha256 leafHashOf(JsonNode entry) {
    return MerkleHash.leafHash(logEntry(entry).canonicalJson().getBytes(StandardCharsets.UTF_8));
  }

  private static LogEntry logEntry(JsonNode entry) {
    return new LogEntry(
        entry.get("seq").longValue(),
        UUID.fromString(entry.get("eventId").textValue()),
        entry.get("type").textValue(),
        entry.get("source").textValue(),
        text(entry, "subject"),
        text(entry, "correlationId"),
        text(entry, "causationId"),
        text(entry, "eventTime") == null ? null : Instant.parse(text(entry, "eventTime")),
        Instant.parse(entry.get("ingestedAt").textValue()),
        entry.get("topic").textValue(),
        entry.get("partition").intValue(),
        entry.get("offset").longValue(),
        LogEntry.object(entry.get("payload")),
        entry.get("summary").textValue(),
        Sha256.fromHex(entry.get("prevHash").textValue()));
  }

  /** The chain hash of an entry recomputed from the members the API shows. */
  public static Sha256 chainHashOf(JsonNode entry) {
    return HashChain.hash(logEntry(entry));
  }

  private static String text(JsonNode entry, String name) {
    JsonNode value = entry.get(name);
    return value == null || value.isNull() ? null : value.textValue();
  }
}

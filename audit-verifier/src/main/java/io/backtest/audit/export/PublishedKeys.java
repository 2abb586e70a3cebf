package io.backtest.audit.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.KeyRing;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The keys file an offline verifier trusts: the JSON of {@code GET /api/v1/audit/public-keys},
 * {@code {"algorithm":"Ed25519","currentKeyId":"...","keys":{"<keyId>":"<base64 X.509>",...}}},
 * kept by whoever checks the log. It is the verifier's only source of keys: a key inside an export
 * would be chosen by the server being checked.
 *
 * <p>Every key id is recomputed from the key's bytes ({@link Ed25519Keys#keyId}): a file that lists
 * a key under another id is refused, since heads name their key by id and a wrong id would make the
 * file say something else than the keys it holds.
 */
public final class PublishedKeys {
  private PublishedKeys() {}

  /**
   * The trusted keys of a keys file.
   *
   * @throws IllegalArgumentException naming what is wrong: not JSON, another algorithm, no keys, a
   *     key that is not Ed25519 X.509, an id that is not the key's, a current key id not listed
   */
  public static KeyRing parse(String json) {
    JsonNode node;
    try {
      node = CanonicalJson.parse(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("keys file is not JSON: " + e.getMessage(), e);
    }
    if (!(node instanceof ObjectNode file)) {
      throw new IllegalArgumentException("keys file must be a JSON object");
    }
    JsonNode algorithm = file.get("algorithm");
    if (algorithm != null && !Ed25519Keys.ALGORITHM.equals(algorithm.textValue())) {
      throw new IllegalArgumentException(
          "keys file: algorithm is " + algorithm + ", not \"" + Ed25519Keys.ALGORITHM + "\"");
    }
    if (!(file.get("keys") instanceof ObjectNode keys) || keys.isEmpty()) {
      throw new IllegalArgumentException(
          "keys file: \"keys\" must be an object of one key or more");
    }
    List<PublicKey> ring = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String id = entry.getKey();
      if (!entry.getValue().isTextual()) {
        throw new IllegalArgumentException("keys file: key " + id + " must be a base64 string");
      }
      PublicKey key;
      try {
        key = Ed25519Keys.publicKey(entry.getValue().textValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("keys file: key " + id + ": " + e.getMessage(), e);
      }
      String actual = Ed25519Keys.keyId(key);
      if (!actual.equals(id)) {
        throw new IllegalArgumentException(
            "keys file: the key listed as " + id + " has key id " + actual);
      }
      ring.add(key);
    }
    JsonNode current = file.get("currentKeyId");
    if (current != null && !current.isNull() && !keys.has(current.asText())) {
      throw new IllegalArgumentException(
          "keys file: currentKeyId " + current.asText() + " is not among the keys");
    }
    return KeyRing.of(ring);
  }
}

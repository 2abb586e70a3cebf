package io.backtest.strategy.service;

import io.backtest.strategy.config.ParametersConfig;
import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.Strategy;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Strategy parameters (and the walk-forward summaries that name parameter sets) encrypted at rest:
 * AES-256-GCM (NIST SP 800-38D) with a random 96-bit IV per value and a 128-bit tag.
 *
 * <p>A stored value is {@code 0x01 | IV (12 bytes) | ciphertext | tag (16 bytes)}; the id of its
 * key is stored beside it, so that values under several keys can be read while a rotation runs. The
 * additional authenticated data is {@code "<column>:<row id>"}: a value copied to another row or
 * column no longer decrypts. Fingerprints are HMAC-SHA256 (RFC 2104) of the canonical JSON under a
 * key of their own, in lowercase hex: equal parameter sets have equal fingerprints, which the live
 * set's uniqueness rule compares, and without the key small grids cannot be tried against them as
 * they could against a plain hash.
 *
 * <p>Keys come from {@code strategy.parameters.*} ({@link ParametersConfig}) and are checked at
 * start-up, which fails with the reason when they are missing or malformed. A value takes a few
 * microseconds to encrypt or decrypt, so callers do it wherever they are, the event loop included.
 */
@ApplicationScoped
@Startup
public class ParameterCipher {
  /** Column of {@code strategy}'s parameters, the canonical JSON of {@code ParametersJson}. */
  public static final String STRATEGY_PARAMETERS = "strategy.parameters";

  /** Column of {@code backtest_run}'s walk-forward summary, whose folds name parameter sets. */
  public static final String RUN_WALK_FORWARD = "backtest_run.walk_forward";

  private static final byte FORMAT = 1;
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final String FINGERPRINT_MAC = "HmacSHA256";
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String SEE = " See strategy-service/README.md, 'Parameters at rest'.";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** An encrypted value and the id of its key. */
  public record Sealed(String keyId, byte[] value) {}

  /** A stored value that cannot be read: unknown key, changed value, or moved from another row. */
  public static final class UnreadableValueException extends IllegalStateException {
    UnreadableValueException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Map<String, SecretKeySpec> keys;
  private final String currentKeyId;
  private final SecretKeySpec fingerprintKey;

  @Inject
  public ParameterCipher(ParametersConfig config) {
    this(
        keys(config.keys().orElse(List.of())),
        config.currentKey().map(String::strip).orElse(null),
        fingerprintKey(config.fingerprintKey().orElse(null)));
    Log.infof(
        "strategy parameters: encrypted with key %s; keys configured: %s",
        currentKeyId, String.join(", ", keys.keySet()));
  }

  /**
   * A cipher of the given keys.
   *
   * @param keys 32-byte AES keys by key id
   * @param currentKeyId the key new values are encrypted with
   * @param fingerprintKey the HMAC key of the fingerprints, at least 32 bytes
   * @throws IllegalStateException when a key is missing, not 32 bytes, or the current key is not
   *     among the keys
   */
  public ParameterCipher(Map<String, byte[]> keys, String currentKeyId, byte[] fingerprintKey) {
    if (keys.isEmpty()) {
      throw new IllegalStateException(
          "strategy.parameters.keys is not set: strategy parameters are encrypted at rest with"
              + " AES-256 keys given as <keyId>:<base64 of 32 bytes>, comma-separated"
              + " (STRATEGY_PARAMETERS_KEYS, from a Secret in Kubernetes)."
              + SEE);
    }
    Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
    keys.forEach(
        (id, key) -> {
          if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException(
                "strategy.parameters.keys: key id '"
                    + id
                    + "' must be 1 to 64 letters, digits, '-' or '_'."
                    + SEE);
          }
          if (key.length != KEY_BYTES) {
            throw new IllegalStateException(
                "strategy.parameters.keys: key '"
                    + id
                    + "' has "
                    + key.length
                    + " bytes; AES-256 needs 32 (make one with openssl rand -base64 32)."
                    + SEE);
          }
          specs.put(id, new SecretKeySpec(key, "AES"));
        });
    if (currentKeyId == null || currentKeyId.isBlank()) {
      throw new IllegalStateException(
          "strategy.parameters.current-key is not set: it names the key of"
              + " strategy.parameters.keys new values are encrypted with"
              + " (STRATEGY_PARAMETERS_CURRENT_KEY)."
              + SEE);
    }
    if (!specs.containsKey(currentKeyId)) {
      throw new IllegalStateException(
          "strategy.parameters.current-key is '"
              + currentKeyId
              + "', which strategy.parameters.keys does not hold (it holds "
              + String.join(", ", specs.keySet())
              + ")."
              + SEE);
    }
    if (fingerprintKey == null || fingerprintKey.length < KEY_BYTES) {
      throw new IllegalStateException(
          "strategy.parameters.fingerprint-key is "
              + (fingerprintKey == null ? "not set" : fingerprintKey.length + " bytes")
              + ": the HMAC key of the parameters' fingerprints must be base64 of at least 32"
              + " random bytes (STRATEGY_PARAMETERS_FINGERPRINT_KEY)."
              + SEE);
    }
    this.keys = Collections.unmodifiableMap(specs);
    this.currentKeyId = currentKeyId;
    this.fingerprintKey = new SecretKeySpec(fingerprintKey, FINGERPRINT_MAC);
  }

  private ParameterCipher(
      Map<String, SecretKeySpec> keys, String currentKeyId, SecretKeySpec fingerprintKey) {
    this.keys = keys;
    this.currentKeyId = currentKeyId;
    this.fingerprintKey = fingerprintKey;
  }

  /**
   * The same keys with another current key: what a restart with {@code current-key} changed gives.
   *
   * @throws IllegalStateException when {@code keyId} is not configured
   */
  public ParameterCipher withCurrentKey(String keyId) {
    if (!keys.containsKey(keyId)) {
      throw new IllegalStateException(
          "key '" + keyId + "' is not among strategy.parameters.keys (" + keyIds() + ")");
    }
    return new ParameterCipher(keys, keyId, fingerprintKey);
  }

  /** The id of the key new values are encrypted with. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /** The ids of the keys values can be decrypted with, in configuration order. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /**
   * Encrypts {@code plaintext} for {@code column} of row {@code rowId} with the current key.
   *
   * @param column what the value is ({@link #STRATEGY_PARAMETERS}, {@link #RUN_WALK_FORWARD})
   */
  public Sealed encrypt(String column, UUID rowId, String plaintext) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(column, rowId));
      byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return new Sealed(
          currentKeyId,
          ByteBuffer.allocate(1 + IV_BYTES + ciphertext.length)
              .put(FORMAT)
              .put(iv)
              .put(ciphertext)
              .array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts a value of {@code column} of row {@code rowId} stored under key {@code keyId}.
   *
   * @throws UnreadableValueException when the key is not configured, or the value was changed or
   *     belongs to another row or column
   */
  public String decrypt(String column, UUID rowId, String keyId, byte[] value) {
    String what = column + " of " + rowId;
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new UnreadableValueException(
          what
              + " is encrypted with key '"
              + keyId
              + "', which is not configured (strategy.parameters.keys holds "
              + keyIds()
              + ")",
          null);
    }
    if (value == null || value.length < 1 + IV_BYTES + TAG_BITS / 8 || value[0] != FORMAT) {
      throw new UnreadableValueException(
          what + " is not a value of format " + FORMAT + " (" + IV_BYTES + "-byte IV, tag)", null);
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, 1, IV_BYTES));
      cipher.updateAAD(aad(column, rowId));
      byte[] plain = cipher.doFinal(value, 1 + IV_BYTES, value.length - 1 - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new UnreadableValueException(
          what
              + " does not decrypt with key '"
              + keyId
              + "': the value was changed, or it belongs to another row",
          e);
    } catch (GeneralSecurityException e) {
      throw new UnreadableValueException(what + " cannot be decrypted: " + e.getMessage(), e);
    }
  }

  /** HMAC-SHA256 of the canonical JSON {@code parameters} under the fingerprint key, hex. */
  public String fingerprint(String parameters) {
    try {
      Mac mac = Mac.getInstance(FINGERPRINT_MAC);
      mac.init(fingerprintKey);
      return HexFormat.of().formatHex(mac.doFinal(parameters.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
    }
  }

  /** Stores {@code parameters} (canonical JSON) in {@code s}: encrypted, with its fingerprint. */
  public void seal(Strategy s, String parameters) {
    Sealed encrypted = encrypt(STRATEGY_PARAMETERS, s.id, parameters);
    s.parametersEnc = encrypted.value();
    s.parametersKeyId = encrypted.keyId();
    s.parametersFingerprint = fingerprint(parameters);
  }

  /**
   * The canonical JSON of {@code s}'s parameters.
   *
   * @throws UnreadableValueException when they cannot be decrypted
   */
  public String parameters(Strategy s) {
    return decrypt(STRATEGY_PARAMETERS, s.id, s.parametersKeyId, s.parametersEnc);
  }

  /** Stores the walk-forward summary (JSON, or null for none) in {@code run}, encrypted. */
  public void sealWalkForward(BacktestRun run, String walkForward) {
    if (walkForward == null) {
      run.walkForwardEnc = null;
      run.walkForwardKeyId = null;
      return;
    }
    Sealed encrypted = encrypt(RUN_WALK_FORWARD, run.id, walkForward);
    run.walkForwardEnc = encrypted.value();
    run.walkForwardKeyId = encrypted.keyId();
  }

  /** The walk-forward summary of {@code run} as JSON; null when it has none. */
  public String walkForward(BacktestRun run) {
    return run.walkForwardEnc == null
        ? null
        : decrypt(RUN_WALK_FORWARD, run.id, run.walkForwardKeyId, run.walkForwardEnc);
  }

  private static byte[] aad(String column, UUID rowId) {
    return (column + ":" + rowId).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code <keyId>:<base64>} entries as keys by id. */
  private static Map<String, byte[]> keys(List<String> entries) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String entry : entries) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException(
            "strategy.parameters.keys: an entry is not <keyId>:<base64 key>." + SEE);
      }
      String id = trimmed.substring(0, colon);
      byte[] key =
          base64("strategy.parameters.keys: key '" + id + "'", trimmed.substring(colon + 1));
      if (keys.put(id, key) != null) {
        throw new IllegalStateException(
            "strategy.parameters.keys: key id '" + id + "' is given twice." + SEE);
      }
    }
    return keys;
  }

  private static byte[] fingerprintKey(String base64) {
    return base64 == null || base64.isBlank()
        ? null
        : base64("strategy.parameters.fingerprint-key", base64);
  }

  private static byte[] base64(String what, String value) {
    try {
      return Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      // the message would quote the key: only say what is wrong
      throw new IllegalStateException(what + " is not base64." + SEE, null);
    }
  }
}

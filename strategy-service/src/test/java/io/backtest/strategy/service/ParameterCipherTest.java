package io.backtest.strategy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.strategy.config.ParametersConfig;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.service.ParameterCipher.Sealed;
import io.backtest.strategy.service.ParameterCipher.UnreadableValueException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The cipher of the parameters at rest, without Quarkus: keys made here. */
class ParameterCipherTest {
  private static final byte[] KEY_A = bytes(1);
  private static final byte[] KEY_B = bytes(2);
  private static final byte[] FINGERPRINT_KEY = bytes(3);
  private static final String PARAMETERS = "{\"fast\":10,\"slow\":50}";

  private final ParameterCipher cipher = cipher("a");
  private final UUID id = UUID.fromString("6f1c2a6e-1d7b-4c9e-9a53-2f0a4d1b8e77");

  @Test
  void encryptedParametersDecryptToTheSameText() {
    Sealed sealed = cipher.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS);

    assertThat(sealed.keyId()).isEqualTo("a");
    // format byte, 12-byte IV, ciphertext as long as the UTF-8 plaintext, 16-byte tag
    assertThat(sealed.value()).hasSize(1 + 12 + PARAMETERS.length() + 16);
    assertThat(sealed.value()[0]).isEqualTo((byte) 1);
    assertThat(new String(sealed.value(), StandardCharsets.ISO_8859_1)).doesNotContain("fast");
    assertThat(cipher.decrypt(ParameterCipher.STRATEGY_PARAMETERS, id, "a", sealed.value()))
        .isEqualTo(PARAMETERS);
  }

  @Test
  void theStoredValueIsPlainAesGcmWithTheColumnAndRowAsAuthenticatedData() throws Exception {
    // decrypted here with the JDK's AES/GCM directly, as NIST SP 800-38D describes it: the layout
    // is the documented one, not only something this class reads back
    Sealed sealed = cipher.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS);
    byte[] value = sealed.value();
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(KEY_A, "AES"),
        new GCMParameterSpec(128, value, 1, 12));
    aes.updateAAD(("strategy.parameters:" + id).getBytes(StandardCharsets.UTF_8));

    byte[] plain = aes.doFinal(value, 13, value.length - 13);

    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(PARAMETERS);
  }

  @Test
  void twoEncryptionsOfOneValueDiffer() {
    Sealed first = cipher.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS);
    Sealed second = cipher.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS);

    assertThat(first.value()).isNotEqualTo(second.value());
    // a fresh random IV each time
    assertThat(Arrays.copyOfRange(first.value(), 1, 13))
        .isNotEqualTo(Arrays.copyOfRange(second.value(), 1, 13));
  }

  @Test
  void aTamperedValueFailsNamingTheRowAndKey() {
    byte[] value = cipher.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS).value();
    value[20] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt(ParameterCipher.STRATEGY_PARAMETERS, id, "a", value))
        .isInstanceOf(UnreadableValueException.class)
        .hasMessage(
            "strategy.parameters of "
                + id
                + " does not decrypt with key 'a': the value was changed, or it belongs to"
                + " another row")
        .hasCauseInstanceOf(AEADBadTagException.class);
  }

  @Test
  void aValueMovedToAnotherRowOrColumnDoesNotDecrypt() {
    byte[] value = cipher.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS).value();
    UUID other = UUID.randomUUID();

    assertThatThrownBy(() -> cipher.decrypt(ParameterCipher.STRATEGY_PARAMETERS, other, "a", value))
        .isInstanceOf(UnreadableValueException.class)
        .hasMessageContaining("strategy.parameters of " + other + " does not decrypt with key 'a'");
    assertThatThrownBy(() -> cipher.decrypt(ParameterCipher.RUN_WALK_FORWARD, id, "a", value))
        .isInstanceOf(UnreadableValueException.class)
        .hasMessageContaining("backtest_run.walk_forward of " + id + " does not decrypt");
  }

  @Test
  void aValueUnderAnUnknownKeyFailsNamingTheConfiguredKeys() {
    byte[] value = cipher("b").encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS).value();
    ParameterCipher onlyA = new ParameterCipher(Map.of("a", KEY_A), "a", FINGERPRINT_KEY);

    assertThatThrownBy(() -> onlyA.decrypt(ParameterCipher.STRATEGY_PARAMETERS, id, "b", value))
        .isInstanceOf(UnreadableValueException.class)
        .hasMessage(
            "strategy.parameters of "
                + id
                + " is encrypted with key 'b', which is not configured"
                + " (strategy.parameters.keys holds [a])");
  }

  @Test
  void aValueUnderAnotherConfiguredKeyIsReadAndNewValuesUseTheCurrentKey() {
    ParameterCipher before = cipher("a");
    ParameterCipher after = before.withCurrentKey("b");
    byte[] old = before.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS).value();

    assertThat(after.decrypt(ParameterCipher.STRATEGY_PARAMETERS, id, "a", old))
        .isEqualTo(PARAMETERS);
    Sealed fresh = after.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS);
    assertThat(fresh.keyId()).isEqualTo("b");
    // encrypted with b's bytes: key a's bytes do not open it, whatever the id says
    assertThatThrownBy(
            () ->
                new ParameterCipher(Map.of("b", KEY_A), "b", FINGERPRINT_KEY)
                    .decrypt(ParameterCipher.STRATEGY_PARAMETERS, id, "b", fresh.value()))
        .isInstanceOf(UnreadableValueException.class);
  }

  @Test
  void theFingerprintIsHmacSha256OfTheCanonicalJsonAndIgnoresTheEncryptionKey() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(FINGERPRINT_KEY, "HmacSHA256"));
    String expected =
        HexFormat.of().formatHex(mac.doFinal(PARAMETERS.getBytes(StandardCharsets.UTF_8)));

    assertThat(cipher.fingerprint(PARAMETERS)).isEqualTo(expected).hasSize(64);
    assertThat(cipher("b").fingerprint(PARAMETERS)).isEqualTo(expected);
    assertThat(cipher.fingerprint("{\"fast\":10,\"slow\":51}")).isNotEqualTo(expected);
  }

  @Test
  void aStrategyIsSealedWithItsFingerprintAndOpensToItsParameters() {
    Strategy s = new Strategy();
    s.id = id;

    cipher.seal(s, PARAMETERS);

    assertThat(s.parametersKeyId).isEqualTo("a");
    assertThat(s.parametersFingerprint).isEqualTo(cipher.fingerprint(PARAMETERS));
    assertThat(cipher.parameters(s)).isEqualTo(PARAMETERS);
  }

  @Test
  void missingOrMalformedKeysFailAtStartWithTheReason() {
    assertThatThrownBy(() -> new ParameterCipher(Map.of(), "a", FINGERPRINT_KEY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("strategy.parameters.keys is not set");
    assertThatThrownBy(() -> new ParameterCipher(Map.of("a", KEY_A), null, FINGERPRINT_KEY))
        .hasMessageStartingWith("strategy.parameters.current-key is not set");
    assertThatThrownBy(() -> new ParameterCipher(Map.of("a", KEY_A), "b", FINGERPRINT_KEY))
        .hasMessageStartingWith(
            "strategy.parameters.current-key is 'b', which strategy.parameters.keys does not hold"
                + " (it holds a)");
    assertThatThrownBy(() -> new ParameterCipher(Map.of("a", new byte[16]), "a", FINGERPRINT_KEY))
        .hasMessageStartingWith("strategy.parameters.keys: key 'a' has 16 bytes; AES-256 needs 32");
    assertThatThrownBy(() -> new ParameterCipher(Map.of("a b", KEY_A), "a b", FINGERPRINT_KEY))
        .hasMessageStartingWith("strategy.parameters.keys: key id 'a b' must be");
    assertThatThrownBy(() -> new ParameterCipher(Map.of("a", KEY_A), "a", new byte[8]))
        .hasMessageStartingWith("strategy.parameters.fingerprint-key is 8 bytes");
    assertThatThrownBy(() -> new ParameterCipher(Map.of("a", KEY_A), "a", null))
        .hasMessageStartingWith("strategy.parameters.fingerprint-key is not set");
  }

  @Test
  void keysAreReadFromTheConfiguredIdAndBase64Entries() {
    String a = Base64.getEncoder().encodeToString(KEY_A);
    String b = Base64.getEncoder().encodeToString(KEY_B);
    String fp = Base64.getEncoder().encodeToString(FINGERPRINT_KEY);
    ParameterCipher configured =
        new ParameterCipher(config(List.of("old-1:" + a, " new_2:" + b + " "), "new_2", fp));

    assertThat(configured.keyIds()).containsExactly("old-1", "new_2");
    assertThat(configured.currentKeyId()).isEqualTo("new_2");
    byte[] old = cipher("a").encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, PARAMETERS).value();
    assertThat(configured.decrypt(ParameterCipher.STRATEGY_PARAMETERS, id, "old-1", old))
        .isEqualTo(PARAMETERS);
    assertThat(configured.fingerprint(PARAMETERS)).isEqualTo(cipher.fingerprint(PARAMETERS));

    assertThatThrownBy(() -> new ParameterCipher(config(List.of(), "a", fp)))
        .hasMessageStartingWith("strategy.parameters.keys is not set");
    assertThatThrownBy(() -> new ParameterCipher(config(List.of(a), "a", fp)))
        .hasMessageStartingWith("strategy.parameters.keys: an entry is not <keyId>:<base64 key>");
    assertThatThrownBy(() -> new ParameterCipher(config(List.of("a:not base64!"), "a", fp)))
        .hasMessageStartingWith("strategy.parameters.keys: key 'a' is not base64")
        .hasMessageNotContaining("not base64!");
    assertThatThrownBy(() -> new ParameterCipher(config(List.of("a:" + a, "a:" + b), "a", fp)))
        .hasMessageStartingWith("strategy.parameters.keys: key id 'a' is given twice");
    assertThatThrownBy(() -> new ParameterCipher(config(List.of("a:" + a), "a", "!")))
        .hasMessageStartingWith("strategy.parameters.fingerprint-key is not base64");
  }

  private static ParametersConfig config(List<String> keys, String current, String fingerprint) {
    return new ParametersConfig() {
      @Override
      public Optional<List<String>> keys() {
        return Optional.of(keys);
      }

      @Override
      public Optional<String> currentKey() {
        return Optional.of(current);
      }

      @Override
      public Optional<String> fingerprintKey() {
        return Optional.of(fingerprint);
      }

      @Override
      public int reencryptBatchSize() {
        return 500;
      }

      @Override
      public String reencryptEvery() {
        return "off";
      }
    };
  }

  private static ParameterCipher cipher(String current) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put("a", KEY_A);
    keys.put("b", KEY_B);
    return new ParameterCipher(keys, current, FINGERPRINT_KEY);
  }

  private static byte[] bytes(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return key;
  }
}

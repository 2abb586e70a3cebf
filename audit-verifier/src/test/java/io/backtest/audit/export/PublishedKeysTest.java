package io.backtest.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.TreeHeadSigner;
import org.junit.jupiter.api.Test;

/** The keys file is the verifier's only trust: it is read exactly and its key ids are checked. */
class PublishedKeysTest {
  static final TreeHeadSigner A = new TreeHeadSigner(Ed25519Keys.generate());
  static final TreeHeadSigner B = new TreeHeadSigner(Ed25519Keys.generate());

  static String file(String currentKeyId, String idA, String idB) {
    return "{\"algorithm\":\"Ed25519\",\"currentKeyId\":\""
        + currentKeyId
        + "\",\"keys\":{\""
        + idA
        + "\":\""
        + Ed25519Keys.encode(A.publicKey())
        + "\",\""
        + idB
        + "\":\""
        + Ed25519Keys.encode(B.publicKey())
        + "\"}}";
  }

  @Test
  void keysOfThePublishedFileAreTrustedUnderTheirIds() {
    KeyRing ring = PublishedKeys.parse(file(A.keyId(), A.keyId(), B.keyId()));

    assertThat(ring.keyIds()).containsExactlyInAnyOrder(A.keyId(), B.keyId());
  }

  @Test
  void fileListingAKeyUnderAnotherIdIsRefused() {
    assertThatThrownBy(() -> PublishedKeys.parse(file(A.keyId(), B.keyId(), A.keyId())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keys file: the key listed as " + B.keyId() + " has key id " + A.keyId());
  }

  @Test
  void malformedFilesAreRefused() {
    assertThatThrownBy(() -> PublishedKeys.parse("{\"keys\":{}}"))
        .hasMessageContaining("one key or more");
    assertThatThrownBy(
            () ->
                PublishedKeys.parse(
                    file(A.keyId(), A.keyId(), B.keyId()).replace("Ed25519", "RSA")))
        .hasMessageContaining("algorithm");
    assertThatThrownBy(() -> PublishedKeys.parse(file("0123456789abcdef", A.keyId(), B.keyId())))
        .hasMessageContaining("currentKeyId 0123456789abcdef is not among the keys");
    assertThatThrownBy(
            () -> PublishedKeys.parse("{\"keys\":{\"0123456789abcdef\":\"bm90IGEga2V5\"}}"))
        .hasMessageContaining("key 0123456789abcdef: not an Ed25519 X.509 public key");
    assertThatThrownBy(() -> PublishedKeys.parse("[]")).hasMessageContaining("JSON object");
  }
}

package io.backtest.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.audit.config.AuditConfig;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHeadSigner;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the signing keys from configuration, without Quarkus. */
class SigningKeysTest {
  private static final KeyPair A = Ed25519Keys.generate();
  private static final KeyPair B = Ed25519Keys.generate();

  private record Signing(
      Optional<String> privateKey,
      Optional<String> publicKey,
      Optional<List<String>> previousPublicKeys,
      boolean ephemeralIfMissing)
      implements AuditConfig.Signing {}

  private static Signing signing(String privateKey, String publicKey, String... previous) {
    return new Signing(
        Optional.ofNullable(privateKey),
        Optional.ofNullable(publicKey),
        previous.length == 0 ? Optional.empty() : Optional.of(List.of(previous)),
        false);
  }

  private static SignedTreeHead sign(TreeHeadSigner signer, long size) {
    return signer.sign(size, Sha256.digest(new byte[] {(byte) size}), Instant.ofEpochMilli(size));
  }

  @Test
  void thePublicKeyIsDerivedFromThePrivateKeyWhenAbsent() {
    assertThat(Ed25519Keys.derivePublicKey(A.getPrivate()).getEncoded())
        .isEqualTo(A.getPublic().getEncoded());
    SigningKeys.Keys keys = SigningKeys.load(signing(Ed25519Keys.encode(A.getPrivate()), null));
    assertThat(keys.signer().keyId()).isEqualTo(Ed25519Keys.keyId(A.getPublic()));
    assertThat(KeyRing.of(A.getPublic()).verify(sign(keys.signer(), 3)).valid()).isTrue();
  }

  @Test
  void aPublicKeyOfAnotherPairIsRefused() {
    assertThatThrownBy(
            () ->
                SigningKeys.load(
                    signing(Ed25519Keys.encode(A.getPrivate()), Ed25519Keys.encode(B.getPublic()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("audit.signing.public-key does not belong to audit.signing.private-key");
  }

  @Test
  void withoutAPrivateKeyTheServiceRefusesToStartUnlessEphemeralKeysAreAllowed() {
    assertThatThrownBy(() -> SigningKeys.load(signing(null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("audit.signing.private-key is not set");
    SigningKeys.Keys ephemeral =
        SigningKeys.load(new Signing(Optional.empty(), Optional.empty(), Optional.empty(), true));
    assertThat(ephemeral.publicKeys()).containsOnlyKeys(ephemeral.signer().keyId());
  }

  @Test
  void aMalformedKeyIsNamed() {
    assertThatThrownBy(() -> SigningKeys.load(signing("not-a-key", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("audit.signing.private-key is ");
    assertThatThrownBy(
            () -> SigningKeys.load(signing(Ed25519Keys.encode(A.getPrivate()), null, "bad==")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("audit.signing.previous-public-keys[0] is ");
  }

  @Test
  void afterARotationHeadsOfTheOldKeyStillVerifyAndNewOnesCarryTheNewKeyId() {
    TreeHeadSigner old = new TreeHeadSigner(A);
    SignedTreeHead before = sign(old, 5);
    // restart with key B, A's public key among the previous ones
    SigningKeys.Keys rotated =
        SigningKeys.load(
            signing(
                Ed25519Keys.encode(B.getPrivate()),
                Ed25519Keys.encode(B.getPublic()),
                Ed25519Keys.encode(A.getPublic())));
    SignedTreeHead after = sign(rotated.signer(), 9);

    assertThat(after.head().keyId()).isEqualTo(Ed25519Keys.keyId(B.getPublic()));
    assertThat(rotated.publicKeys().keySet())
        .containsExactly(Ed25519Keys.keyId(B.getPublic()), Ed25519Keys.keyId(A.getPublic()));
    KeyRing ring = KeyRing.of(rotated.publicKeys().values());
    assertThat(ring.verify(before).valid()).isTrue();
    assertThat(ring.verify(after).valid()).isTrue();
    // without the previous key, the old heads no longer verify: that is what the setting is for
    KeyRing newOnly =
        KeyRing.of(
            SigningKeys.load(signing(Ed25519Keys.encode(B.getPrivate()), null))
                .publicKeys()
                .values());
    assertThat(newOnly.verify(before).valid()).isFalse();
  }
}

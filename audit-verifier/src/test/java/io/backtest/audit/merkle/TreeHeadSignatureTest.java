package io.backtest.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.audit.log.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Signed tree heads: the byte layout, Ed25519 keys and their ids, key rotation. */
class TreeHeadSignatureTest {
  /** RFC 8032 section 7.1, TEST 1: the secret key as PKCS#8, the public key as X.509 (RFC 8410). */
  static final String RFC8032_PRIVATE =
      "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";

  static final String RFC8032_PUBLIC =
      "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

  /** RFC 8032 TEST 1: the signature of the empty message. */
  static final String RFC8032_SIGNATURE =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  /** First 8 bytes of SHA-256 of the X.509 DER above, computed with Python's hashlib. */
  static final String RFC8032_KEY_ID = "06e3fd8fda29bb60";

  static final Instant NOW = Instant.parse("2026-01-05T10:15:30.123Z");
  static final Sha256 ROOT = MerkleHash.leafHash(new byte[] {42});

  @Test
  void keysAreReadFromPkcs8AndX509AndSignAsRfc8032Says() throws Exception {
    PrivateKey privateKey = Ed25519Keys.privateKey(RFC8032_PRIVATE);
    PublicKey publicKey = Ed25519Keys.publicKey(RFC8032_PUBLIC);
    Signature signature = Signature.getInstance("Ed25519");
    signature.initSign(privateKey);

    assertThat(HexFormat.of().formatHex(signature.sign())).isEqualTo(RFC8032_SIGNATURE);
    assertThat(Ed25519Keys.keyId(publicKey)).isEqualTo(RFC8032_KEY_ID);
    assertThat(Ed25519Keys.encode(publicKey)).isEqualTo(RFC8032_PUBLIC);
    assertThat(TreeHeadSigner.fromEncoded(RFC8032_PRIVATE, RFC8032_PUBLIC).keyId())
        .isEqualTo(RFC8032_KEY_ID);
  }

  @Test
  void pemIsAcceptedAsWellAsBase64() {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + RFC8032_PUBLIC.substring(0, 30)
            + "\n"
            + RFC8032_PUBLIC.substring(30)
            + "\n-----END PUBLIC KEY-----\n";

    assertThat(Ed25519Keys.publicKey(pem)).isEqualTo(Ed25519Keys.publicKey(RFC8032_PUBLIC));
    assertThatThrownBy(() -> Ed25519Keys.privateKey(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a PEM key here must be a PRIVATE KEY");
  }

  @Test
  void keysOfOtherAlgorithmsOrMismatchedPairsAreRefused() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

    assertThatThrownBy(() -> Ed25519Keys.publicKey(Ed25519Keys.encode(rsa.getPublic())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an Ed25519 X.509 public key");
    assertThatThrownBy(() -> Ed25519Keys.publicKey(Ed25519Keys.encode(ed448.getPublic())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519Keys.privateKey("not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TreeHeadSigner(
                    Ed25519Keys.privateKey(RFC8032_PRIVATE), Ed25519Keys.generate().getPublic()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the private key does not belong to the public key");
  }

  @Test
  void signedBytesFollowTheDocumentedLayout() {
    TreeHead head = new TreeHead(1234567, ROOT, NOW, RFC8032_KEY_ID);
    byte[] expected =
        ByteBuffer.allocate(84)
            .put("backtest-audit/tree-head/v1".getBytes(StandardCharsets.US_ASCII))
            .put((byte) 0)
            .put(HexFormat.of().parseHex("000000000012d687")) // 1234567
            .put(ROOT.bytes())
            .put(
                HexFormat.of()
                    .parseHex(
                        "0000019b8da79a4b")) // 1767608130123 ms (Python: 2026-01-05T10:15:30.123Z)
            .put(HexFormat.of().parseHex("06e3fd8fda29bb60"))
            .array();

    assertThat(NOW.toEpochMilli()).isEqualTo(1767608130123L);
    assertThat(head.signedBytes()).isEqualTo(expected);
    assertThat(TreeHead.SIGNED_LENGTH).isEqualTo(84);
  }

  @Test
  void headsWithoutMillisecondTimestampsOrWithMalformedKeyIdsAreRefused() {
    assertThatThrownBy(() -> new TreeHead(1, ROOT, NOW.plusNanos(1000), RFC8032_KEY_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("timestamp must be whole milliseconds");
    assertThatThrownBy(() -> new TreeHead(1, ROOT, NOW, "06E3FD8FDA29BB60"))
        .hasMessage("keyId must be 16 lowercase hex digits but was 06E3FD8FDA29BB60");
    assertThatThrownBy(() -> new TreeHead(-1, ROOT, NOW, RFC8032_KEY_ID))
        .hasMessage("treeSize must not be negative but was -1");
  }

  @Test
  void signedHeadVerifiesAndAnyChangedFieldDoesNot() {
    TreeHeadSigner signer = new TreeHeadSigner(Ed25519Keys.generate());
    KeyRing ring = KeyRing.of(signer.publicKey());
    SignedTreeHead signed = signer.sign(10, ROOT, NOW);
    TreeHead head = signed.head();

    assertThat(ring.verify(signed)).isEqualTo(Verdict.VALID);
    for (TreeHead changed :
        new TreeHead[] {
          new TreeHead(11, head.rootHash(), head.timestamp(), head.keyId()),
          new TreeHead(10, MerkleHash.EMPTY_ROOT, head.timestamp(), head.keyId()),
          new TreeHead(10, head.rootHash(), head.timestamp().plusMillis(1), head.keyId())
        }) {
      assertThat(ring.verify(new SignedTreeHead(changed, signed.signature())).reason())
          .isEqualTo("signature does not verify with key " + signer.keyId());
    }
    byte[] flipped = signed.signature();
    flipped[5] ^= 1;
    assertThat(ring.verify(new SignedTreeHead(head, flipped)).valid()).isFalse();
    assertThat(ring.verify(new SignedTreeHead(head, new byte[3])).valid()).isFalse();
    assertThat(ring.verify(new SignedTreeHead(head, new byte[0])).valid()).isFalse();
  }

  @Test
  void afterRotationOldHeadsVerifyWithTheOldKeyAndNewHeadsWithTheNew() {
    TreeHeadSigner old = new TreeHeadSigner(Ed25519Keys.generate());
    TreeHeadSigner current = new TreeHeadSigner(Ed25519Keys.generate());
    SignedTreeHead before = old.sign(5, ROOT, NOW);
    SignedTreeHead after = current.sign(9, ROOT, NOW.plusSeconds(60));
    KeyRing rotated = KeyRing.of(old.publicKey()).with(current.publicKey());

    assertThat(rotated.keyIds()).containsExactlyInAnyOrder(old.keyId(), current.keyId());
    assertThat(rotated.verify(before)).isEqualTo(Verdict.VALID);
    assertThat(rotated.verify(after)).isEqualTo(Verdict.VALID);
    // a head that names the other trusted key is checked with that key and fails
    TreeHead renamed = new TreeHead(9, ROOT, after.head().timestamp(), old.keyId());
    assertThat(rotated.verify(new SignedTreeHead(renamed, after.signature())).reason())
        .isEqualTo("signature does not verify with key " + old.keyId());
    // a verifier that only knows the new key does not accept the old heads
    assertThat(KeyRing.of(current.publicKey()).verify(before).reason())
        .isEqualTo("head is signed with key " + old.keyId() + ", which is not trusted");
  }

  @Test
  void signerRefusesHeadsNamingAnotherKey() {
    TreeHeadSigner signer = new TreeHeadSigner(Ed25519Keys.generate());

    assertThatThrownBy(() -> signer.sign(new TreeHead(1, ROOT, NOW, RFC8032_KEY_ID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names key " + RFC8032_KEY_ID);
    assertThat(Base64.getDecoder().decode(Ed25519Keys.encode(signer.publicKey()))).hasSize(44);
  }
}

package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Objects;

/** Signs tree heads with one Ed25519 key pair; thread-safe. */
public final class TreeHeadSigner {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  /**
   * @throws IllegalArgumentException when the keys are not Ed25519 or not of one pair
   */
  public TreeHeadSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.keyId = Ed25519Keys.keyId(publicKey);
    byte[] probe = "backtest-audit/key-pair-check".getBytes(StandardCharsets.UTF_8);
    if (!KeyRing.verifies(publicKey, probe, sign(probe))) {
      throw new IllegalArgumentException("the private key does not belong to the public key");
    }
  }

  public TreeHeadSigner(KeyPair pair) {
    this(pair.getPrivate(), pair.getPublic());
  }

  /** A signer from a PKCS#8 private key and its X.509 public key (base64 or PEM each). */
  public static TreeHeadSigner fromEncoded(String privateKey, String publicKey) {
    return new TreeHeadSigner(Ed25519Keys.privateKey(privateKey), Ed25519Keys.publicKey(publicKey));
  }

  public String keyId() {
    return keyId;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** Signs the head of the tree of {@code treeSize} leaves with root {@code rootHash}. */
  public SignedTreeHead sign(long treeSize, Sha256 rootHash, Instant timestamp) {
    return sign(new TreeHead(treeSize, rootHash, timestamp, keyId));
  }

  /**
   * Signs {@code head}, which must name this signer's key.
   *
   * @throws IllegalArgumentException when the head names another key
   */
  public SignedTreeHead sign(TreeHead head) {
    if (!head.keyId().equals(keyId)) {
      throw new IllegalArgumentException(
          "head names key " + head.keyId() + " but this signer holds key " + keyId);
    }
    return new SignedTreeHead(head, sign(head.signedBytes()));
  }

  private byte[] sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
      signature.initSign(privateKey);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }
}

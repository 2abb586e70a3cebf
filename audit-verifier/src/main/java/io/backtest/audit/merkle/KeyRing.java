package io.backtest.audit.merkle;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public keys trusted to sign tree heads, by key id. Rotation: the log signs with its new key
 * from some head on; verifiers keep the old key in the ring, so the heads signed before still
 * verify, and every head is checked with the key its own key id names. Immutable.
 */
public final class KeyRing {
  private final Map<String, PublicKey> keys;

  private KeyRing(Map<String, PublicKey> keys) {
    this.keys = keys;
  }

  /**
   * A ring of these keys.
   *
   * @throws IllegalArgumentException when a key is not Ed25519
   */
  public static KeyRing of(Collection<PublicKey> keys) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (PublicKey key : keys) {
      byId.put(Ed25519Keys.keyId(key), key);
    }
    return new KeyRing(Map.copyOf(byId));
  }

  public static KeyRing of(PublicKey... keys) {
    return of(List.of(keys));
  }

  /** This ring with {@code key} added (a rotation's new key). */
  public KeyRing with(PublicKey key) {
    Map<String, PublicKey> byId = new LinkedHashMap<>(keys);
    byId.put(Ed25519Keys.keyId(key), key);
    return new KeyRing(Map.copyOf(byId));
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  public Optional<PublicKey> find(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  /** Whether the head's key is in this ring and its signature verifies with that key. */
  public Verdict verify(SignedTreeHead signed) {
    String keyId = signed.head().keyId();
    PublicKey key = keys.get(keyId);
    if (key == null) {
      return Verdict.invalid("head is signed with key " + keyId + ", which is not trusted");
    }
    return verifies(key, signed.head().signedBytes(), signed.signature())
        ? Verdict.VALID
        : Verdict.invalid("signature does not verify with key " + keyId);
  }

  static boolean verifies(PublicKey key, byte[] message, byte[] signatureBytes) {
    try {
      Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException | RuntimeException e) {
      // a malformed signature (wrong length, not a curve point) is an invalid one
      return false;
    }
  }
}

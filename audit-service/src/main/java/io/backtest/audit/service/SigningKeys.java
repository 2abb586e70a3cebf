package io.backtest.audit.service;

import io.backtest.audit.config.AuditConfig;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.TreeHeadSigner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key that signs tree heads and the public keys that verify them: the current one and those of
 * earlier rotations ({@code audit.signing.previous-public-keys}). Read at start, which fails with
 * the reason when the keys are missing or do not fit together.
 */
@ApplicationScoped
@Startup
public class SigningKeys {
  private volatile Keys keys;

  public SigningKeys(AuditConfig config) {
    this.keys = load(config.signing());
    Log.infof(
        "audit: tree heads are signed with key %s; %d earlier key(s) trusted",
        keys.signer().keyId(), keys.publicKeys().size() - 1);
  }

  /** The current signer. */
  public TreeHeadSigner signer() {
    return keys.signer();
  }

  /** Every trusted public key, by key id: the current key first, then the earlier ones. */
  public Map<String, PublicKey> publicKeys() {
    return keys.publicKeys();
  }

  /** The keys that verify the log's heads. */
  public KeyRing keyRing() {
    return KeyRing.of(keys.publicKeys().values());
  }

  /**
   * Signs from now on with {@code next}, keeping every key trusted so far: what a restart with the
   * new key and the old public keys in {@code previous-public-keys} does.
   */
  void rotateTo(TreeHeadSigner next) {
    Map<String, PublicKey> trusted = new LinkedHashMap<>();
    trusted.put(next.keyId(), next.publicKey());
    keys.publicKeys().forEach(trusted::putIfAbsent);
    keys = new Keys(next, Collections.unmodifiableMap(trusted));
    Log.infof("audit: tree heads are now signed with key %s", next.keyId());
  }

  /**
   * The keys the configuration names.
   *
   * @throws IllegalStateException when no private key is configured (and no ephemeral key is
   *     allowed), or a key is not Ed25519, or the public key is not the private key's
   */
  static Keys load(AuditConfig.Signing config) {
    TreeHeadSigner signer;
    if (config.privateKey().isEmpty() || config.privateKey().get().isBlank()) {
      if (!config.ephemeralIfMissing()) {
        throw new IllegalStateException(
            "audit.signing.private-key is not set: the audit log signs its tree heads with an"
                + " Ed25519 key (PKCS#8, base64 or PEM; in Kubernetes from a Secret as"
                + " AUDIT_SIGNING_PRIVATE_KEY). See audit-service/README.md, 'Signing keys'.");
      }
      KeyPair pair = Ed25519Keys.generate();
      signer = new TreeHeadSigner(pair);
      Log.warnf(
          "audit: NO SIGNING KEY CONFIGURED (audit.signing.private-key). Tree heads are signed with"
              + " an ephemeral key %s generated at start: nobody can verify them once this process"
              + " ends. Configure a key (see audit-service/README.md) before relying on the log.",
          signer.keyId());
    } else {
      signer = signer(config);
    }
    Map<String, PublicKey> trusted = new LinkedHashMap<>();
    trusted.put(signer.keyId(), signer.publicKey());
    List<String> previous = config.previousPublicKeys().orElse(List.of());
    for (int i = 0; i < previous.size(); i++) {
      if (previous.get(i).isBlank()) {
        continue;
      }
      try {
        PublicKey key = Ed25519Keys.publicKey(previous.get(i));
        trusted.putIfAbsent(Ed25519Keys.keyId(key), key);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "audit.signing.previous-public-keys[" + i + "] is " + e.getMessage(), e);
      }
    }
    return new Keys(signer, Collections.unmodifiableMap(trusted));
  }

  private static TreeHeadSigner signer(AuditConfig.Signing config) {
    PrivateKey privateKey;
    try {
      privateKey = Ed25519Keys.privateKey(config.privateKey().orElseThrow());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("audit.signing.private-key is " + e.getMessage(), e);
    }
    PublicKey publicKey;
    if (config.publicKey().isPresent() && !config.publicKey().get().isBlank()) {
      try {
        publicKey = Ed25519Keys.publicKey(config.publicKey().get());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("audit.signing.public-key is " + e.getMessage(), e);
      }
    } else {
      publicKey = Ed25519Keys.derivePublicKey(privateKey);
    }
    try {
      return new TreeHeadSigner(privateKey, publicKey);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "audit.signing.public-key does not belong to audit.signing.private-key", e);
    }
  }

  /**
   * @param signer signs new heads
   * @param publicKeys every trusted key by id, the signer's first
   */
  record Keys(TreeHeadSigner signer, Map<String, PublicKey> publicKeys) {}
}

package io.backtest.contracts.events;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A signed tree head of the audit log, published so that parties outside the platform can keep it:
 * later, any entry can be proved to be in the log it signs, and any later head to extend it (RFC
 * 9162 inclusion and consistency proofs from audit-service). The signature is Ed25519 over the
 * 84-byte layout audit-service documents (label {@code backtest-audit/tree-head/v1}, tree size,
 * root hash, timestamp in milliseconds, key id); the public key is published by audit-service under
 * its key id. Subject and Kafka key: {@link #SUBJECT}, so all heads stay ordered in one partition.
 *
 * @param treeSize entries covered, the first {@code treeSize} of the log
 * @param rootHash RFC 9162 Merkle root of those entries, 64 lowercase hex digits
 * @param timestamp when the head was signed, whole milliseconds
 * @param keyId the signing key's id: 16 lowercase hex digits (first 8 bytes of SHA-256 of its X.509
 *     encoding)
 * @param signature the Ed25519 signature, base64 (64 bytes)
 */
public record AuditCheckpoint(
    long treeSize, String rootHash, Instant timestamp, String keyId, String signature) {
  /** The subject and Kafka key of every checkpoint. */
  public static final String SUBJECT = "audit-log";

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{86}==");

  public AuditCheckpoint {
    if (treeSize < 1) {
      throw new IllegalArgumentException("treeSize must be >= 1 but was " + treeSize);
    }
    if (!HASH.matcher(Checks.present(rootHash, "rootHash")).matches()) {
      throw new IllegalArgumentException("rootHash must be 64 lowercase hex digits");
    }
    Checks.present(timestamp, "timestamp");
    if (!KEY_ID.matcher(Checks.present(keyId, "keyId")).matches()) {
      throw new IllegalArgumentException("keyId must be 16 lowercase hex digits");
    }
    if (!BASE64.matcher(Checks.present(signature, "signature")).matches()) {
      throw new IllegalArgumentException("signature must be 64 bytes in base64");
    }
  }
}

package io.backtest.audit.log;

import java.nio.charset.StandardCharsets;

/**
 * The hash that links an entry to its predecessor: {@code hash = SHA-256(prev_hash ||
 * canonical_json(entry))}, where {@code prev_hash} is the raw 32 bytes of the previous entry's hash
 * ({@link Sha256#ZERO} before the first entry) and {@code canonical_json} is the RFC 8785 UTF-8
 * form of every member of {@link LogEntry} (its {@code prevHash} included, as hex).
 *
 * <p>Changing any hashed member of an entry changes its hash, which no longer matches the stored
 * one; re-hashing it breaks the {@code prev_hash} of the next entry, and so on to the head.
 */
public final class HashChain {
  private HashChain() {}

  /** The hash of {@code entry}. */
  public static Sha256 hash(LogEntry entry) {
    return hash(entry.prevHash(), entry.canonicalJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The hash of an entry given as its canonical JSON (the leaf's bytes), for callers that already
   * hold them: {@code canonicalJson} must be {@code entry.canonicalJson()} in UTF-8, {@code
   * prevHash} its {@code prevHash}.
   */
  public static Sha256 hash(Sha256 prevHash, byte[] canonicalJson) {
    return Sha256.digest(prevHash.bytes(), canonicalJson);
  }
}

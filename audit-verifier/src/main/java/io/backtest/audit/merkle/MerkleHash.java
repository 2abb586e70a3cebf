package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;

/**
 * The hashes of the RFC 9162 Merkle tree (section 2.1.1), with SHA-256: the domain-separation
 * prefixes make a leaf hash differ from every node hash, so no leaf can pose as a subtree.
 *
 * <pre>
 * MTH({})        = SHA-256()                          the empty tree
 * leaf hash      = SHA-256(0x00 || leaf)
 * node hash      = SHA-256(0x01 || left || right)
 * </pre>
 */
public final class MerkleHash {
  /** The prefix of a hashed leaf (RFC 9162 section 2.1.1). */
  public static final byte LEAF_PREFIX = 0x00;

  /** The prefix of a hashed pair of children. */
  public static final byte NODE_PREFIX = 0x01;

  /** The root of the empty tree: SHA-256 of the empty string. */
  public static final Sha256 EMPTY_ROOT = Sha256.digest();

  private static final byte[] LEAF = {LEAF_PREFIX};
  private static final byte[] NODE = {NODE_PREFIX};

  private MerkleHash() {}

  /** {@code SHA-256(0x00 || leaf)}: for the audit log the leaf is an entry's RFC 8785 JSON. */
  public static Sha256 leafHash(byte[] leaf) {
    return Sha256.digest(LEAF, leaf);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static Sha256 nodeHash(Sha256 left, Sha256 right) {
    return Sha256.digest(NODE, left.bytes(), right.bytes());
  }
}

package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.List;
import java.util.Objects;

/**
 * That leaf {@code leafIndex} is in the tree of {@code treeSize} leaves (RFC 9162 section 2.1.3):
 * the hashes of the siblings on the path from the leaf to the root, the leaf's end first.
 *
 * @param leafIndex the leaf, from 0 (the audit log's {@code seq - 1})
 * @param treeSize the tree the proof is for
 * @param path the inclusion path
 */
public record InclusionProof(long leafIndex, long treeSize, List<Sha256> path) {
  public InclusionProof {
    path = List.copyOf(path);
  }

  /** Checks this proof for the leaf hashed {@code leafHash} against the tree's root. */
  public Verdict verify(Sha256 leafHash, Sha256 rootHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(rootHash, "rootHash");
    return verify(leafIndex, treeSize, leafHash.bytes(), ProofHashes.bytes(path), rootHash.bytes());
  }

  /** The root this proof leads to from {@code leafHash} (what a valid proof is checked against). */
  public Sha256 rootFrom(Sha256 leafHash) {
    return walk(leafIndex, treeSize, leafHash, path).root();
  }

  /**
   * The verification algorithm of RFC 9162 section 2.1.3.2, on untrusted input: every hash must be
   * 32 bytes, the leaf must be inside the tree, the path exactly as long as the leaf's path to the
   * root, and it must lead to {@code rootHash}.
   */
  public static Verdict verify(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] rootHash) {
    String malformed = ProofHashes.malformed("leaf hash", leafHash);
    if (malformed == null) {
      malformed = ProofHashes.malformed("root hash", rootHash);
    }
    if (malformed == null) {
      malformed = ProofHashes.malformed(proof);
    }
    if (malformed != null) {
      return Verdict.invalid(malformed);
    }
    // 1. leaf_index must be in the tree
    if (treeSize < 0 || leafIndex < 0 || leafIndex >= treeSize) {
      return Verdict.invalid(
          "leaf index "
              + Long.toUnsignedString(leafIndex)
              + " is outside a tree of "
              + Long.toUnsignedString(treeSize)
              + " leaves");
    }
    Walk walk = walk(leafIndex, treeSize, Sha256.of(leafHash), ProofHashes.digests(proof));
    if (walk.tooLong()) {
      return Verdict.invalid(
          "proof has more hashes than the path from leaf "
              + leafIndex
              + " to the root of a tree of "
              + treeSize
              + " leaves");
    }
    // 5. sn must be 0 and r the root
    if (!walk.complete()) {
      return Verdict.invalid(
          "proof has fewer hashes than the path from leaf "
              + leafIndex
              + " to the root of a tree of "
              + treeSize
              + " leaves");
    }
    if (!walk.root().equals(Sha256.of(rootHash))) {
      return Verdict.invalid(
          "proof leads to root " + walk.root() + ", not to " + Sha256.of(rootHash));
    }
    return Verdict.VALID;
  }

  private record Walk(Sha256 root, boolean complete, boolean tooLong) {}

  /** Steps 2 to 4 of RFC 9162 section 2.1.3.2. */
  private static Walk walk(long leafIndex, long treeSize, Sha256 leafHash, List<Sha256> path) {
    long fn = leafIndex;
    long sn = treeSize - 1;
    Sha256 r = leafHash;
    for (Sha256 p : path) {
      if (sn == 0) {
        return new Walk(r, false, true);
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.nodeHash(p, r);
        // the right edge of a ragged tree: climb the levels where this node has no sibling
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHash.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return new Walk(r, sn == 0, false);
  }
}

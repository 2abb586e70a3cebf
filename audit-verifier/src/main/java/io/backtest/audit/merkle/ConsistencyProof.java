package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * That the tree of {@code secondSize} leaves extends the tree of {@code firstSize} leaves, which is
 * its prefix (RFC 9162 section 2.1.4): the hashes from which both roots can be computed.
 *
 * @param firstSize the earlier tree
 * @param secondSize the later tree
 * @param path the consistency path
 */
public record ConsistencyProof(long firstSize, long secondSize, List<Sha256> path) {
  public ConsistencyProof {
    path = List.copyOf(path);
  }

  /** Checks this proof against the two trees' roots. */
  public Verdict verify(Sha256 firstRoot, Sha256 secondRoot) {
    Objects.requireNonNull(firstRoot, "firstRoot");
    Objects.requireNonNull(secondRoot, "secondRoot");
    return verify(
        firstSize, secondSize, firstRoot.bytes(), secondRoot.bytes(), ProofHashes.bytes(path));
  }

  /**
   * The verification algorithm of RFC 9162 section 2.1.4.2, on untrusted input, with the cases the
   * algorithm leaves out made explicit: a tree is consistent with itself only with an empty proof
   * and equal roots, and the empty tree (whose root must be SHA-256 of the empty string) with every
   * tree, with an empty proof.
   */
  public static Verdict verify(
      long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
    String malformed = ProofHashes.malformed("first root", firstRoot);
    if (malformed == null) {
      malformed = ProofHashes.malformed("second root", secondRoot);
    }
    if (malformed == null) {
      malformed = ProofHashes.malformed(proof);
    }
    if (malformed != null) {
      return Verdict.invalid(malformed);
    }
    if (firstSize < 0 || secondSize < 0) {
      return Verdict.invalid("tree sizes must not be negative");
    }
    if (firstSize > secondSize) {
      return Verdict.invalid(
          "the first tree ("
              + firstSize
              + " leaves) is larger than the second ("
              + secondSize
              + " leaves)");
    }
    Sha256 first = Sha256.of(firstRoot);
    Sha256 second = Sha256.of(secondRoot);
    if (firstSize == secondSize) {
      if (!proof.isEmpty()) {
        return Verdict.invalid("a proof between trees of the same size must be empty");
      }
      return first.equals(second)
          ? Verdict.VALID
          : Verdict.invalid("two trees of " + firstSize + " leaves have different roots");
    }
    if (firstSize == 0) {
      if (!proof.isEmpty()) {
        return Verdict.invalid("a proof from the empty tree must be empty");
      }
      return first.equals(MerkleHash.EMPTY_ROOT)
          ? Verdict.VALID
          : Verdict.invalid("the root of the empty tree is not SHA-256 of the empty string");
    }
    // 1. an empty path proves nothing between different sizes
    if (proof.isEmpty()) {
      return Verdict.invalid("proof is empty");
    }
    List<Sha256> path = new ArrayList<>(ProofHashes.digests(proof));
    // 2. when the old tree is a perfect subtree, the proof leaves out its root
    if (Long.bitCount(firstSize) == 1) {
      path.addFirst(first);
    }
    // 3.
    long fn = firstSize - 1;
    long sn = secondSize - 1;
    // 4. skip the levels where the old tree's last node is a right child within the proof
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5.
    Sha256 fr = path.getFirst();
    Sha256 sr = fr;
    // 6.
    for (Sha256 c : path.subList(1, path.size())) {
      if (sn == 0) {
        return Verdict.invalid(
            "proof has more hashes than a proof from "
                + firstSize
                + " to "
                + secondSize
                + " leaves");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.nodeHash(c, fr);
        sr = MerkleHash.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = MerkleHash.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    // 7.
    if (sn != 0) {
      return Verdict.invalid(
          "proof has fewer hashes than a proof from "
              + firstSize
              + " to "
              + secondSize
              + " leaves");
    }
    if (!fr.equals(first)) {
      return Verdict.invalid(
          "proof leads to first root " + fr + ", not to " + first + " (" + firstSize + " leaves)");
    }
    if (!sr.equals(second)) {
      return Verdict.invalid(
          "proof leads to second root "
              + sr
              + ", not to "
              + second
              + " ("
              + secondSize
              + " leaves)");
    }
    return Verdict.VALID;
  }
}

package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client of the log keeps to catch a hostile server: the latest head it has verified. A
 * newer head is adopted only when its signature verifies with a trusted key, it does not go
 * backwards (size or time), and the server proves it consistent with the head held (RFC 9162
 * section 2.1.4); inclusion proofs are checked against the head held. A server that forks the log,
 * rewrites or drops entries, or serves proofs of another tree is caught at the first answer that
 * does not fit. Not thread-safe.
 */
public final class TreeHeadChecker {
  private final KeyRing keys;
  private SignedTreeHead latest;

  public TreeHeadChecker(KeyRing keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** The latest head verified, if any. */
  public Optional<SignedTreeHead> latest() {
    return Optional.ofNullable(latest);
  }

  /**
   * Checks {@code next} and adopts it when valid.
   *
   * @param consistencyPath the server's consistency proof from the held head's size to {@code
   *     next}'s (ignored for the first head, which is trusted on first use)
   */
  public Verdict update(SignedTreeHead next, List<byte[]> consistencyPath) {
    Verdict signature = keys.verify(next);
    if (!signature.valid()) {
      return signature;
    }
    TreeHead head = next.head();
    if (latest != null) {
      TreeHead held = latest.head();
      if (head.treeSize() < held.treeSize()) {
        return Verdict.invalid(
            "head goes backwards: "
                + head.treeSize()
                + " entries after a head of "
                + held.treeSize());
      }
      if (head.timestamp().isBefore(held.timestamp())) {
        return Verdict.invalid(
            "head goes back in time: " + head.timestamp() + " after " + held.timestamp());
      }
      Verdict consistent =
          ConsistencyProof.verify(
              held.treeSize(),
              head.treeSize(),
              held.rootHash().bytes(),
              head.rootHash().bytes(),
              consistencyPath);
      if (!consistent.valid()) {
        return Verdict.invalid(
            "head is not consistent with the head of "
                + held.treeSize()
                + " entries: "
                + consistent.reason());
      }
    } else if (!head.rootHash().equals(MerkleHash.EMPTY_ROOT) && head.treeSize() == 0) {
      return Verdict.invalid("the root of the empty tree is not SHA-256 of the empty string");
    }
    latest = next;
    return Verdict.VALID;
  }

  /** Checks the server's inclusion proof of a leaf against the head held. */
  public Verdict verifyInclusion(long leafIndex, Sha256 leafHash, List<byte[]> inclusionPath) {
    if (latest == null) {
      return Verdict.invalid("no verified head to check against");
    }
    TreeHead head = latest.head();
    return InclusionProof.verify(
        leafIndex, head.treeSize(), leafHash.bytes(), inclusionPath, head.rootHash().bytes());
  }
}

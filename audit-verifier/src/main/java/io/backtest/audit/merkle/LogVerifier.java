package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a log against its signed tree heads, as an outside verifier does: the entries' leaves are
 * streamed in {@code seq} order (from 1, leaf index {@code seq - 1}) and only the tree's frontier
 * is held, so a log of millions of entries is checked in O(log n) memory.
 *
 * <p>The heads are checked in the order they were published, each once the entries reach its size:
 *
 * <ul>
 *   <li>its key id is in the trusted {@link KeyRing} and its signature verifies with that key;
 *   <li>it does not go backwards: its size and timestamp are not below the previous head's;
 *   <li>its root is the root of the first {@code treeSize} entries. Since every root is recomputed
 *       from the same entries, each head is then also consistent with every earlier one (the
 *       earlier tree is a prefix of the later);
 *   <li>after the last entry, no head may claim more entries than the log has (a log cut at its
 *       end).
 * </ul>
 *
 * When an entry comes with the leaf hash stored for it, the two must agree. The first violation
 * ends the verification and names the entry ({@code seq}) or the head (its position in the list)
 * with the reason. Not thread-safe.
 */
public final class LogVerifier {
  private final KeyRing keys;
  private final List<SignedTreeHead> heads;
  private final MerkleAppender tree = new MerkleAppender();
  private int nextHead;
  private TreeHead lastVerified;
  private Result failure;

  /**
   * @param keys the keys trusted to sign heads
   * @param heads the signed heads, in the order they were published
   */
  public LogVerifier(KeyRing keys, List<SignedTreeHead> heads) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.heads = List.copyOf(heads);
  }

  /** Verifies a whole log at once. */
  public static Result verify(KeyRing keys, List<SignedTreeHead> heads, Iterable<byte[]> leaves) {
    LogVerifier verifier = new LogVerifier(keys, heads);
    long seq = 0;
    for (byte[] leaf : leaves) {
      Optional<Result> failed = verifier.accept(++seq, leaf);
      if (failed.isPresent()) {
        return failed.get();
      }
    }
    return verifier.finish();
  }

  /**
   * Checks the next entry.
   *
   * @param seq its sequence number: 1 for the first, then gapless
   * @param leaf its leaf, the bytes that are hashed (the entry's RFC 8785 JSON)
   * @return the violation, if this entry (or a head that reaches it) is bad
   */
  public Optional<Result> accept(long seq, byte[] leaf) {
    return accept(seq, leaf, null);
  }

  /**
   * Checks the next entry and the leaf hash stored with it.
   *
   * @param storedLeafHash the leaf hash the log stored for this entry; null if none
   */
  public Optional<Result> accept(long seq, byte[] leaf, Sha256 storedLeafHash) {
    if (failure != null) {
      throw new IllegalStateException("verification already failed: " + failure.reason());
    }
    Objects.requireNonNull(leaf, "leaf");
    if (checkDueHeads()) {
      return Optional.of(failure);
    }
    long expected = tree.size() + 1;
    if (seq != expected) {
      return Optional.of(
          fail(
              expected,
              null,
              seq > expected
                  ? "entry " + expected + " is missing: the next entry is " + seq
                  : "entry " + seq + " comes again after entry " + tree.size()));
    }
    Sha256 leafHash = MerkleHash.leafHash(leaf);
    if (storedLeafHash != null && !storedLeafHash.equals(leafHash)) {
      return Optional.of(fail(seq, null, "stored leaf hash does not match the entry's content"));
    }
    tree.append(leafHash);
    return checkDueHeads() ? Optional.of(failure) : Optional.empty();
  }

  /** Ends the verification: checks the heads not reached yet and answers the result. */
  public Result finish() {
    if (failure != null) {
      return failure;
    }
    if (checkDueHeads()) {
      return failure;
    }
    if (nextHead < heads.size()) {
      TreeHead head = heads.get(nextHead).head();
      return fail(
          tree.size() + 1,
          nextHead,
          "head "
              + nextHead
              + " signs "
              + head.treeSize()
              + " entries but the log has only "
              + tree.size());
    }
    return Result.valid(tree.size(), heads.size(), tree.rootHash());
  }

  /** Checks every head whose size the entries have reached; true when one fails. */
  private boolean checkDueHeads() {
    while (nextHead < heads.size() && heads.get(nextHead).head().treeSize() <= tree.size()) {
      int index = nextHead;
      SignedTreeHead signed = heads.get(index);
      TreeHead head = signed.head();
      Verdict signature = keys.verify(signed);
      if (!signature.valid()) {
        fail(null, index, "head " + index + ": " + signature.reason());
        return true;
      }
      if (lastVerified != null && head.treeSize() < lastVerified.treeSize()) {
        fail(
            null,
            index,
            "head "
                + index
                + " goes backwards: "
                + head.treeSize()
                + " entries after a head of "
                + lastVerified.treeSize());
        return true;
      }
      if (lastVerified != null && head.timestamp().isBefore(lastVerified.timestamp())) {
        fail(
            null,
            index,
            "head "
                + index
                + " goes back in time: "
                + head.timestamp()
                + " after a head of "
                + lastVerified.timestamp());
        return true;
      }
      Sha256 root = tree.rootHash();
      if (!root.equals(head.rootHash())) {
        long verifiedUpTo = lastVerified == null ? 0 : lastVerified.treeSize();
        fail(
            null,
            index,
            "head "
                + index
                + " signs root "
                + head.rootHash()
                + " but entries 1.."
                + head.treeSize()
                + " hash to "
                + root
                + (verifiedUpTo > 0
                    ? "; entries 1.." + verifiedUpTo + " match the previous head"
                    : ""));
        return true;
      }
      lastVerified = head;
      nextHead++;
    }
    return false;
  }

  private Result fail(Long seq, Integer head, String reason) {
    failure = Result.invalid(seq, head, reason);
    return failure;
  }

  /**
   * The outcome of a log's verification.
   *
   * @param valid whether every entry and head checked out
   * @param entries entries verified (when valid)
   * @param headsVerified heads verified (when valid)
   * @param rootHash root of all entries (when valid)
   * @param firstBadSeq the first bad entry, when the failure is an entry's
   * @param firstBadHead the position of the first bad head in the list, when the failure is a
   *     head's
   * @param reason why verification failed (when not valid)
   */
  public record Result(
      boolean valid,
      long entries,
      int headsVerified,
      Sha256 rootHash,
      Long firstBadSeq,
      Integer firstBadHead,
      String reason) {
    static Result valid(long entries, int heads, Sha256 rootHash) {
      return new Result(true, entries, heads, rootHash, null, null, null);
    }

    static Result invalid(Long seq, Integer head, String reason) {
      return new Result(false, 0, 0, null, seq, head, reason);
    }
  }
}

package io.backtest.audit.log;

import java.util.Optional;

/**
 * Checks a log entry by entry, in {@code seq} order, holding only the last hash: the entries can be
 * streamed from storage in pages. The first violation ends the verification.
 */
public final class ChainVerifier {
  private long verified;
  private Sha256 head = Sha256.ZERO;
  private Verification failure;

  /**
   * Checks the next stored entry: its {@code seq} follows the previous one, its {@code prev_hash}
   * is the previous stored hash, and its stored hash is the hash of its content.
   *
   * @return the violation, if this entry breaks the chain
   */
  public Optional<Verification> accept(LogEntry entry, Sha256 storedHash) {
    if (failure != null) {
      throw new IllegalStateException(
          "the chain is already broken at " + failure.firstInvalidSeq());
    }
    long expected = verified + 1;
    if (entry.seq() != expected) {
      return fail(
          expected,
          entry.seq() > expected
              ? "entry " + expected + " is missing: the next stored entry is " + entry.seq()
              : "entry " + entry.seq() + " is stored out of order after entry " + verified);
    }
    if (!entry.prevHash().equals(head)) {
      return fail(
          entry.seq(),
          expected == 1
              ? "prev_hash of the first entry is not 32 zero bytes"
              : "prev_hash does not equal the hash of entry " + verified);
    }
    if (!HashChain.hash(entry).equals(storedHash)) {
      return fail(entry.seq(), "hash does not match the entry's content");
    }
    head = storedHash;
    verified = entry.seq();
    return Optional.empty();
  }

  /** Records a violation found outside {@link #accept} (an entry that cannot even be read). */
  public Optional<Verification> reject(long seq, String reason) {
    return fail(seq, reason);
  }

  /** The result so far: valid up to the last accepted entry, or the first violation. */
  public Verification result() {
    return failure != null ? failure : Verification.valid(verified, head);
  }

  /** Seq of the last entry accepted. */
  public long verified() {
    return verified;
  }

  private Optional<Verification> fail(long seq, String reason) {
    failure = Verification.invalid(seq, reason);
    return Optional.of(failure);
  }

  /**
   * The outcome of a verification.
   *
   * @param valid whether every entry checked is intact and linked
   * @param entries entries verified (when valid)
   * @param headHash hash of the last entry verified (when valid; zero hash for an empty log)
   * @param firstInvalidSeq the first entry that breaks the chain (when not valid)
   * @param reason why it breaks the chain (when not valid)
   */
  public record Verification(
      boolean valid, long entries, Sha256 headHash, Long firstInvalidSeq, String reason) {
    static Verification valid(long entries, Sha256 headHash) {
      return new Verification(true, entries, headHash, null, null);
    }

    static Verification invalid(long seq, String reason) {
      return new Verification(false, 0, null, seq, reason);
    }
  }
}

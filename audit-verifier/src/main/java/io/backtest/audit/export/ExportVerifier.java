package io.backtest.audit.export;

import io.backtest.audit.log.HashChain;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.ConsistencyProof;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.MerkleAppender;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHead;
import io.backtest.audit.merkle.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Checks an export of the audit log ({@link ExportLines}) without the service or its database, as
 * someone who trusts only the log's public keys does: the export comes from a server that may lie.
 *
 * <p>Lines are read one at a time and only the tree's frontier, the last chain hash and the last
 * head are held, so an export of millions of entries is checked in O(log n) memory (plus the
 * witnessed heads given). What is checked, the first violation ending the verification:
 *
 * <ul>
 *   <li>the start line comes first and once; its frontier has one subtree per set bit of {@code
 *       fromSeq - 1} (empty, and prevHash zero, from entry 1);
 *   <li>the entries are exactly {@code fromSeq..toSeq}, gapless and in order; each one's leaf hash
 *       and chain hash are recomputed from its content and equal the exported ones, and its {@code
 *       prevHash} is the previous entry's hash (the start line's for the first);
 *   <li>each head line follows the entry of its size, is signed by a trusted key, does not go
 *       backwards (size or time) and signs the root recomputed from the frontier and the entries;
 *   <li>the end line is there (else the export was cut) and counts the entries; its anchor is
 *       signed by a trusted key, does not go backwards, and the consistency proof from the tree of
 *       {@code toSeq} entries to it verifies (RFC 9162 section 2.1.4.2): a proof or a head for
 *       another tree does not;
 *   <li>every witnessed head (kept by an outside party) is signed by a trusted key, and where its
 *       size is in {@code fromSeq-1..toSeq} it signs the recomputed root, so a server that rewrote
 *       history and re-signed it is caught; beyond {@code toSeq} it must equal an anchor of the
 *       same size, otherwise it is counted as not checkable.
 * </ul>
 *
 * The frontier and the entries are only as good as a signature over them: an export that no head,
 * anchor or witnessed head covers is "not anchored", invalid unless the caller allows it. Not
 * thread-safe.
 */
public final class ExportVerifier {
  private final KeyRing keys;
  private final List<SignedTreeHead> witnessed;
  private final boolean allowUnanchored;

  private long line;
  private ExportLines.Start start;
  private MerkleAppender tree;
  private Sha256 lastHash;
  private long nextSeq;
  private TreeHead lastHead;
  private int headsVerified;
  private long signedUpTo;
  private int nextWitness;
  private int witnessesChecked;
  private int witnessesNotCheckable;
  private ExportLines.End end;
  private Report result;

  /**
   * @param keys the only keys trusted to sign heads (never taken from the export)
   * @param witnessed heads kept by an outside party, in any order; may be empty
   * @param allowUnanchored accept an export that no signature covers
   */
  public ExportVerifier(KeyRing keys, List<SignedTreeHead> witnessed, boolean allowUnanchored) {
    this.keys = Objects.requireNonNull(keys, "keys");
    List<SignedTreeHead> sorted = new ArrayList<>(witnessed);
    sorted.sort(Comparator.comparingLong(h -> h.head().treeSize()));
    this.witnessed = List.copyOf(sorted);
    this.allowUnanchored = allowUnanchored;
  }

  /** Verifies a whole export read from {@code reader} (closed by the caller). */
  public static Report verify(
      KeyRing keys, List<SignedTreeHead> witnessed, boolean allowUnanchored, BufferedReader reader)
      throws IOException {
    ExportVerifier verifier = new ExportVerifier(keys, witnessed, allowUnanchored);
    String text;
    while ((text = reader.readLine()) != null) {
      if (!verifier.accept(text)) {
        break;
      }
    }
    return verifier.finish();
  }

  /** Verifies a whole export held in memory (tests, small exports). */
  public static Report verify(
      KeyRing keys, List<SignedTreeHead> witnessed, boolean allowUnanchored, String export) {
    try {
      return verify(
          keys, witnessed, allowUnanchored, new BufferedReader(new java.io.StringReader(export)));
    } catch (IOException e) {
      throw new UncheckedIOException("a string is always readable", e);
    }
  }

  /**
   * Checks the next line.
   *
   * @return false once the export is found invalid (further lines are not needed)
   */
  public boolean accept(String text) {
    if (result != null) {
      return false;
    }
    line++;
    if (end != null) {
      return fail(null, null, "line " + line + " follows the end line");
    }
    ExportLines.Line read;
    try {
      read = ExportLines.parse(text);
    } catch (IllegalArgumentException e) {
      if (start == null) {
        return fail(null, null, "the first line is not a start line: " + e.getMessage());
      }
      return fail(
          nextSeq <= start.toSeq() ? nextSeq : null,
          null,
          "line " + line + " cannot be read: " + e.getMessage());
    }
    return switch (read) {
      case ExportLines.Start s -> startLine(s);
      case ExportLines.Entry e -> entry(e);
      case ExportLines.Head h -> head(h.head());
      case ExportLines.End e -> end(e);
    };
  }

  /** Ends the verification and answers the result. */
  public Report finish() {
    if (result != null) {
      return result;
    }
    if (start == null) {
      fail(null, null, "the export is empty: no start line");
      return result;
    }
    if (end == null) {
      fail(
          nextSeq <= start.toSeq() ? nextSeq : null,
          null,
          "export truncated: no end line after entry " + (nextSeq - 1));
      return result;
    }
    boolean anchored = signedUpTo >= start.fromSeq();
    if (!anchored && !allowUnanchored) {
      fail(
          null,
          null,
          "not anchored: no signed head, anchor or witnessed head covers entries "
              + start.fromSeq()
              + ".."
              + start.toSeq()
              + ", so nothing vouches for "
              + (start.fromSeq() > 1 ? "the frontier or " : "")
              + "the entries");
      return result;
    }
    result =
        Report.valid(
            start.fromSeq(),
            start.toSeq(),
            nextSeq - start.fromSeq(),
            tree.rootHash(),
            headsVerified,
            end.anchor(),
            anchored,
            signedUpTo,
            witnessesChecked,
            witnessesNotCheckable);
    return result;
  }

  // ---------------------------------------------------------------- lines

  private boolean startLine(ExportLines.Start s) {
    if (start != null) {
      return fail(null, null, "line " + line + " is a second start line");
    }
    if (line != 1) {
      return fail(null, null, "the export does not begin with its start line");
    }
    if (s.fromSeq() < 1 || s.toSeq() < s.fromSeq()) {
      return fail(
          null,
          null,
          "start line: fromSeq " + s.fromSeq() + " and toSeq " + s.toSeq() + " are not a range");
    }
    start = s;
    if (s.fromSeq() == 1 && !s.prevHash().equals(Sha256.ZERO)) {
      return fail(1L, null, "start line: prevHash before entry 1 must be 32 zero bytes");
    }
    try {
      tree = MerkleAppender.resume(s.fromSeq() - 1, s.frontier());
    } catch (IllegalArgumentException e) {
      return fail(s.fromSeq(), null, "start line: " + e.getMessage());
    }
    lastHash = s.prevHash();
    nextSeq = s.fromSeq();
    for (SignedTreeHead witness : witnessed) {
      Verdict signature = keys.verify(witness);
      if (!signature.valid()) {
        return fail(
            null, witness.head().treeSize(), witnessed(witness) + ": " + signature.reason());
      }
    }
    while (nextWitness < witnessed.size()
        && witnessed.get(nextWitness).head().treeSize() < tree.size()) {
      witnessesNotCheckable++; // before the export's first tree
      nextWitness++;
    }
    return checkWitnesses();
  }

  private boolean entry(ExportLines.Entry line) {
    if (start == null) {
      return fail(null, null, "the export does not begin with its start line");
    }
    LogEntry entry = line.entry();
    long seq = entry.seq();
    if (seq != nextSeq) {
      return seq > nextSeq
          ? fail(nextSeq, null, "entry " + nextSeq + " is missing: the next line holds " + seq)
          : fail(seq, null, "entry " + seq + " appears again after entry " + (nextSeq - 1));
    }
    if (seq > start.toSeq()) {
      return fail(seq, null, "entry " + seq + " is beyond toSeq " + start.toSeq());
    }
    byte[] leaf = entry.canonicalJson().getBytes(StandardCharsets.UTF_8);
    Sha256 leafHash = MerkleHash.leafHash(leaf);
    if (!leafHash.equals(line.leafHash())) {
      return fail(seq, null, "leaf hash does not match the entry's content");
    }
    if (!HashChain.hash(entry).equals(line.hash())) {
      return fail(seq, null, "hash does not match the entry's content");
    }
    if (!entry.prevHash().equals(lastHash)) {
      return fail(
          seq,
          null,
          seq == start.fromSeq()
              ? "prevHash does not equal the start line's prevHash"
              : "prevHash does not equal the hash of entry " + (seq - 1));
    }
    tree.append(leafHash);
    lastHash = line.hash();
    nextSeq++;
    return checkWitnesses();
  }

  private boolean head(SignedTreeHead signed) {
    if (start == null) {
      return fail(null, null, "the export does not begin with its start line");
    }
    TreeHead head = signed.head();
    long size = head.treeSize();
    Verdict signature = keys.verify(signed);
    if (!signature.valid()) {
      return fail(null, size, "head of " + size + " entries: " + signature.reason());
    }
    String backwards = backwards(head);
    if (backwards != null) {
      return fail(null, size, "head of " + size + " entries " + backwards);
    }
    if (size != tree.size() || size < start.fromSeq()) {
      return fail(
          null,
          size,
          "head of "
              + size
              + " entries is misplaced: it must follow entry "
              + size
              + ", not "
              + (tree.size() < start.fromSeq() ? "the start line" : "entry " + tree.size()));
    }
    Sha256 root = tree.rootHash();
    if (!root.equals(head.rootHash())) {
      return fail(
          null,
          size,
          "head of "
              + size
              + " entries signs root "
              + head.rootHash()
              + " but the export's tree of "
              + size
              + " entries hashes to "
              + root);
    }
    lastHead = head;
    headsVerified++;
    signedUpTo = Math.max(signedUpTo, size);
    return true;
  }

  private boolean end(ExportLines.End read) {
    if (start == null) {
      return fail(null, null, "the export does not begin with its start line");
    }
    long last = nextSeq - 1;
    if (last < start.toSeq()) {
      return fail(
          nextSeq,
          null,
          "export truncated: entries end at " + last + " but toSeq is " + start.toSeq());
    }
    if (read.entries() != nextSeq - start.fromSeq()) {
      return fail(
          null,
          null,
          "end line counts "
              + read.entries()
              + " entries but the export holds "
              + (nextSeq - start.fromSeq()));
    }
    SignedTreeHead anchor = read.anchor();
    if (anchor == null) {
      if (!read.consistency().isEmpty()) {
        return fail(null, null, "end line has a consistency proof but no anchor");
      }
    } else {
      TreeHead head = anchor.head();
      long size = head.treeSize();
      Verdict signature = keys.verify(anchor);
      if (!signature.valid()) {
        return fail(null, size, "anchor of " + size + " entries: " + signature.reason());
      }
      if (size < start.toSeq()) {
        return fail(
            null,
            size,
            "anchor of " + size + " entries does not cover toSeq " + start.toSeq() + "");
      }
      String backwards = backwards(head);
      if (backwards != null) {
        return fail(null, size, "anchor of " + size + " entries " + backwards);
      }
      Verdict consistent =
          ConsistencyProof.verify(
              start.toSeq(),
              size,
              tree.rootHash().bytes(),
              head.rootHash().bytes(),
              read.consistency().stream().map(Sha256::bytes).toList());
      if (!consistent.valid()) {
        return fail(
            null,
            size,
            "anchor of "
                + size
                + " entries: the consistency proof from the export's tree of "
                + start.toSeq()
                + " entries does not verify: "
                + consistent.reason());
      }
      signedUpTo = Math.max(signedUpTo, start.toSeq());
    }
    end = read;
    // witnessed heads beyond the export: only an anchor of the same size can answer for them
    for (; nextWitness < witnessed.size(); nextWitness++) {
      TreeHead witness = witnessed.get(nextWitness).head();
      if (anchor != null && witness.treeSize() == anchor.head().treeSize()) {
        if (!witness.rootHash().equals(anchor.head().rootHash())) {
          return fail(
              null,
              witness.treeSize(),
              witnessed(witnessed.get(nextWitness))
                  + " signs root "
                  + witness.rootHash()
                  + " but the anchor of the same size signs "
                  + anchor.head().rootHash()
                  + ": the log was rewritten");
        }
        witnessesChecked++;
      } else {
        witnessesNotCheckable++;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- checks

  /** Checks the witnessed heads of the tree's current size. */
  private boolean checkWitnesses() {
    while (nextWitness < witnessed.size()
        && witnessed.get(nextWitness).head().treeSize() == tree.size()) {
      SignedTreeHead witness = witnessed.get(nextWitness);
      Sha256 root = tree.rootHash();
      if (!root.equals(witness.head().rootHash())) {
        return fail(
            null,
            witness.head().treeSize(),
            witnessed(witness)
                + " signs root "
                + witness.head().rootHash()
                + " but the export's tree of that size hashes to "
                + root
                + ": the log was rewritten");
      }
      witnessesChecked++;
      if (tree.size() >= start.fromSeq()) {
        signedUpTo = Math.max(signedUpTo, tree.size());
      }
      nextWitness++;
    }
    return true;
  }

  /** Why {@code head} goes backwards from the last head of the export, or null. */
  private String backwards(TreeHead head) {
    if (lastHead == null) {
      return null;
    }
    if (head.treeSize() < lastHead.treeSize()) {
      return "goes backwards: it follows a head of " + lastHead.treeSize() + " entries";
    }
    if (head.timestamp().isBefore(lastHead.timestamp())) {
      return "goes back in time: signed at "
          + head.timestamp()
          + ", before the previous head's "
          + lastHead.timestamp();
    }
    return null;
  }

  private static String witnessed(SignedTreeHead witness) {
    return "witnessed head of " + witness.head().treeSize() + " entries";
  }

  private boolean fail(Long seq, Long head, String reason) {
    result = Report.invalid(seq, head, line, reason);
    return false;
  }

  // ---------------------------------------------------------------- result

  /**
   * The outcome.
   *
   * @param valid whether the export checked out
   * @param fromSeq first entry (when valid)
   * @param toSeq last entry (when valid)
   * @param entries entries verified (when valid)
   * @param rootHash root of the tree of {@code toSeq} entries (when valid)
   * @param headsVerified head lines verified (when valid)
   * @param anchor the end line's anchor, verified; null if none
   * @param anchored whether a signature covers the export (false only when allowed)
   * @param signedUpTo the largest tree size in the export's range that a verified signature covers
   *     (a head, the anchor, a witnessed head); 0 if none
   * @param witnessesChecked witnessed heads checked against the export
   * @param witnessesNotCheckable witnessed heads the export cannot answer for
   * @param firstInvalidSeq the first bad entry, when an entry is bad
   * @param firstInvalidHead the tree size of the first bad head (a head line, the anchor or a
   *     witnessed head), when a head is bad
   * @param line the line where verification stopped (when not valid)
   * @param reason why (when not valid)
   */
  public record Report(
      boolean valid,
      long fromSeq,
      long toSeq,
      long entries,
      Sha256 rootHash,
      int headsVerified,
      SignedTreeHead anchor,
      boolean anchored,
      long signedUpTo,
      int witnessesChecked,
      int witnessesNotCheckable,
      Long firstInvalidSeq,
      Long firstInvalidHead,
      long line,
      String reason) {
    static Report valid(
        long fromSeq,
        long toSeq,
        long entries,
        Sha256 rootHash,
        int headsVerified,
        SignedTreeHead anchor,
        boolean anchored,
        long signedUpTo,
        int witnessesChecked,
        int witnessesNotCheckable) {
      return new Report(
          true,
          fromSeq,
          toSeq,
          entries,
          rootHash,
          headsVerified,
          anchor,
          anchored,
          signedUpTo,
          witnessesChecked,
          witnessesNotCheckable,
          null,
          null,
          0,
          null);
    }

    static Report invalid(Long seq, Long head, long line, String reason) {
      return new Report(false, 0, 0, 0, null, 0, null, false, 0, 0, 0, seq, head, line, reason);
    }
  }
}

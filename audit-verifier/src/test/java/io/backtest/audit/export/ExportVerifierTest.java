package io.backtest.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHead;
import io.backtest.audit.merkle.TreeHeadSigner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An export checked as an outside verifier does, trusting only the keys: intact exports (whole or a
 * part) verify, and each way a hostile server can bend one is caught at the right entry or head.
 */
class ExportVerifierTest {
  static final TreeHeadSigner KEY = new TreeHeadSigner(Ed25519Keys.generate());
  static final TreeHeadSigner OTHER_KEY = new TreeHeadSigner(Ed25519Keys.generate());
  static final KeyRing TRUSTED = KeyRing.of(KEY.publicKey());

  /** 22 entries; heads at 4, 8, 13 and 21 (the log grew by one entry after its last head). */
  static final TestLog LOG = TestLog.of(22);

  static final List<SignedTreeHead> HEADS =
      List.of(LOG.head(KEY, 4, 1), LOG.head(KEY, 8, 2), LOG.head(KEY, 13, 3), LOG.head(KEY, 21, 4));

  static ExportVerifier.Report verify(List<String> lines) {
    return verify(lines, List.of());
  }

  static ExportVerifier.Report verify(List<String> lines, List<SignedTreeHead> witnessed) {
    return ExportVerifier.verify(TRUSTED, witnessed, false, TestLog.text(lines));
  }

  static int entryLine(List<String> lines, long seq) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("{\"kind\":\"entry\"")
          && lines.get(i).contains("\"seq\":" + seq + ",")) {
        return i;
      }
    }
    throw new AssertionError("no line of entry " + seq);
  }

  static int headLine(List<String> lines, long size) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("{\"kind\":\"head\",\"treeSize\":" + size + ",")) {
        return i;
      }
    }
    throw new AssertionError("no line of head " + size);
  }

  static void assertInvalidAtEntry(ExportVerifier.Report report, long seq, String reason) {
    assertThat(report.valid()).as("valid").isFalse();
    assertThat(report.firstInvalidSeq()).as(report.reason()).isEqualTo(seq);
    assertThat(report.firstInvalidHead()).as(report.reason()).isNull();
    assertThat(report.reason()).contains(reason);
  }

  static void assertInvalidAtHead(ExportVerifier.Report report, long size, String reason) {
    assertThat(report.valid()).as("valid").isFalse();
    assertThat(report.firstInvalidHead()).as(report.reason()).isEqualTo(size);
    assertThat(report.firstInvalidSeq()).as(report.reason()).isNull();
    assertThat(report.reason()).contains(reason);
  }

  // ------------------------------------------------------------------ intact exports

  @Test
  void wholeLogVerifiesWithEveryHead() {
    ExportVerifier.Report report = verify(LOG.export(1, 22, HEADS));

    assertThat(report.valid()).as(report.reason()).isTrue();
    assertThat(report.fromSeq()).isEqualTo(1);
    assertThat(report.toSeq()).isEqualTo(22);
    assertThat(report.entries()).isEqualTo(22);
    assertThat(report.headsVerified()).isEqualTo(4);
    assertThat(report.rootHash()).isEqualTo(LOG.tree().rootHash(22));
    // no head of 22 entries yet: the last entry is chained and hashed but not signed
    assertThat(report.anchor()).isNull();
    assertThat(report.anchored()).isTrue();
    assertThat(report.signedUpTo()).isEqualTo(21);
  }

  @Test
  void partOfTheLogVerifiesOnItsOwnThroughItsHeadsAndAnchor() {
    ExportVerifier.Report report = verify(LOG.export(6, 12, HEADS));

    assertThat(report.valid()).as(report.reason()).isTrue();
    assertThat(report.fromSeq()).isEqualTo(6);
    assertThat(report.entries()).isEqualTo(7);
    assertThat(report.headsVerified()).isEqualTo(1);
    assertThat(report.rootHash()).isEqualTo(LOG.tree().rootHash(12));
    // the latest head at or beyond entry 12, reached by a consistency proof
    assertThat(report.anchor()).isEqualTo(HEADS.get(3));
    assertThat(report.signedUpTo()).isEqualTo(12);
  }

  @Test
  void partWithoutHeadsIsAnchoredByTheConsistencyProofAlone() {
    ExportVerifier.Report report = verify(LOG.export(14, 20, HEADS));

    assertThat(report.valid()).as(report.reason()).isTrue();
    assertThat(report.headsVerified()).isZero();
    assertThat(report.anchor()).isEqualTo(HEADS.get(3));
  }

  @Test
  void partEndingAtTheLatestHeadHasItAsAnchorWithAnEmptyProof() {
    List<String> lines = LOG.export(14, 21, HEADS);
    assertThat(lines.getLast()).contains("\"treeSize\":21,").endsWith("\"consistency\":[]}");

    ExportVerifier.Report report = verify(lines);

    assertThat(report.valid()).as(report.reason()).isTrue();
    assertThat(report.headsVerified()).isEqualTo(1);
    assertThat(report.anchor()).isEqualTo(HEADS.get(3));
  }

  @Test
  void singleEntryExportsVerifyAtEveryPosition() {
    for (long seq = 1; seq <= 21; seq++) {
      ExportVerifier.Report report = verify(LOG.export(seq, seq, HEADS));
      assertThat(report.valid()).as("entry %d: %s", seq, report.reason()).isTrue();
    }
  }

  @Test
  void exportThatNoSignatureCoversIsNotAnchoredUnlessAllowed() {
    List<String> lines = LOG.export(6, 10, List.of(HEADS.getFirst()));

    assertThat(verify(lines).reason()).startsWith("not anchored");
    ExportVerifier.Report allowed =
        ExportVerifier.verify(TRUSTED, List.of(), true, TestLog.text(lines));
    assertThat(allowed.valid()).isTrue();
    assertThat(allowed.anchored()).isFalse();
    // nor is a whole log without any head
    assertThat(verify(LOG.export(1, 3, List.of())).reason()).startsWith("not anchored");
  }

  // ------------------------------------------------------------------ entries

  @Test
  void oneChangedByteInAnEntryFailsAtItsSeq() {
    List<String> lines = new ArrayList<>(LOG.export(1, 22, HEADS));
    int at = entryLine(lines, 10);
    lines.set(at, lines.get(at).replace("Bar 10 of AAPL", "Bar 10 of AAPM"));

    assertInvalidAtEntry(verify(lines), 10, "leaf hash does not match");
  }

  @Test
  void changedEntryWithItsHashesRecomputedFailsAtTheFirstHeadOverIt() {
    List<String> summaries = TestLog.summaries(22);
    summaries.set(9, "Bar 10 of AAPL closed at 1.00");
    TestLog rewritten = new TestLog(summaries);

    // the server cannot sign: the heads stay those of the real log
    assertInvalidAtHead(
        verify(rewritten.export(1, 22, HEADS)), 13, "signs root " + HEADS.get(2).head().rootHash());
  }

  @Test
  void deletedLineFailsAtTheMissingEntry() {
    List<String> lines = new ArrayList<>(LOG.export(1, 22, HEADS));
    lines.remove(entryLine(lines, 10));

    assertInvalidAtEntry(verify(lines), 10, "entry 10 is missing");
  }

  @Test
  void swappedLinesFailAtTheFirstOutOfOrder() {
    List<String> lines = new ArrayList<>(LOG.export(1, 22, HEADS));
    Collections.swap(lines, entryLine(lines, 10), entryLine(lines, 11));

    assertInvalidAtEntry(verify(lines), 10, "entry 10 is missing");
  }

  @Test
  void insertedEntryIsCaught() {
    // a copy of an entry
    List<String> copied = new ArrayList<>(LOG.export(1, 22, HEADS));
    copied.add(entryLine(copied, 11), copied.get(entryLine(copied, 10)));
    assertInvalidAtEntry(verify(copied), 10, "entry 10 appears again");

    // a new entry, with the log after it renumbered and every hash recomputed
    List<String> summaries = TestLog.summaries(21);
    summaries.add(10, "Bar 10.5 of AAPL closed at 0.01");
    TestLog inserted = new TestLog(summaries);
    assertInvalidAtHead(verify(inserted.export(1, 22, HEADS)), 13, "signs root");
  }

  @Test
  void wrongPrevHashInTheStartLineFailsAtTheFirstEntry() {
    List<String> lines = new ArrayList<>(LOG.export(6, 12, HEADS));
    lines.set(0, lines.getFirst().replace(LOG.hashes.get(4).hex(), LOG.hashes.get(3).hex()));

    assertInvalidAtEntry(verify(lines), 6, "prevHash does not equal the start line's prevHash");
    // from entry 1 there is nothing before: 32 zero bytes
    List<String> first = new ArrayList<>(LOG.export(1, 5, HEADS));
    first.set(0, first.getFirst().replace(Sha256.ZERO.hex(), LOG.hashes.get(0).hex()));
    assertInvalidAtEntry(verify(first), 1, "32 zero bytes");
  }

  @Test
  void forgedFrontierFailsAtTheFirstHeadOrAtTheAnchor() {
    String real = LOG.tree().frontier(5).getFirst().hex();
    String forged = Sha256.digest(new byte[] {1}).hex();

    List<String> withHead = new ArrayList<>(LOG.export(6, 12, HEADS));
    withHead.set(0, withHead.getFirst().replace(real, forged));
    assertInvalidAtHead(verify(withHead), 8, "signs root");

    List<String> anchorOnly = new ArrayList<>(LOG.export(9, 12, HEADS));
    String real8 = LOG.tree().frontier(8).getFirst().hex();
    anchorOnly.set(0, anchorOnly.getFirst().replace(real8, forged));
    assertInvalidAtHead(verify(anchorOnly), 21, "consistency proof");

    // and a frontier of the wrong shape
    List<String> shape = new ArrayList<>(LOG.export(6, 12, HEADS));
    shape.set(0, shape.getFirst().replace("\"frontier\":[", "\"frontier\":[\"" + forged + "\","));
    assertInvalidAtEntry(verify(shape), 6, "frontier");
  }

  // ------------------------------------------------------------------ heads

  @Test
  void headSignedByAnUnknownKeyFails() {
    List<String> lines = new ArrayList<>(LOG.export(1, 22, HEADS));
    lines.set(headLine(lines, 8), ExportLines.head(LOG.head(OTHER_KEY, 8, 2)));

    assertInvalidAtHead(verify(lines), 8, "which is not trusted");
  }

  @Test
  void headWithAForgedSignatureFails() {
    SignedTreeHead real = HEADS.get(1);
    byte[] signature = real.signature();
    signature[10] ^= 1;
    List<String> lines = new ArrayList<>(LOG.export(1, 22, HEADS));
    lines.set(headLine(lines, 8), ExportLines.head(new SignedTreeHead(real.head(), signature)));

    assertInvalidAtHead(verify(lines), 8, "signature does not verify");
  }

  @Test
  void headValidlySignedForAnotherTreeFails() {
    TestLog other = TestLog.of(30);
    List<String> summaries = TestLog.summaries(22);
    summaries.set(0, "another first entry");
    SignedTreeHead foreign = new TestLog(summaries).head(KEY, 8, 2);
    List<String> lines = new ArrayList<>(LOG.export(1, 22, HEADS));
    lines.set(headLine(lines, 8), ExportLines.head(foreign));

    assertInvalidAtHead(verify(lines), 8, "signs root " + foreign.head().rootHash());
    // a genuine head of another size, moved to the wrong place
    List<String> moved = new ArrayList<>(LOG.export(1, 22, HEADS));
    moved.set(headLine(moved, 8), ExportLines.head(other.head(KEY, 9, 2)));
    assertInvalidAtHead(verify(moved), 9, "misplaced");
  }

  @Test
  void headGoingBackwardsInSizeOrTimeFails() {
    List<String> size = new ArrayList<>(LOG.export(1, 22, HEADS));
    size.add(headLine(size, 13) + 1, ExportLines.head(HEADS.get(1)));
    assertInvalidAtHead(verify(size), 8, "goes backwards");

    // head 13 signed before head 8
    List<String> time = new ArrayList<>(LOG.export(1, 22, HEADS));
    time.set(headLine(time, 13), ExportLines.head(LOG.head(KEY, 13, 0)));
    assertInvalidAtHead(verify(time), 13, "goes back in time");
  }

  // ------------------------------------------------------------------ end and anchor

  @Test
  void anchorWithAConsistencyProofForAnotherTreeFails() {
    List<String> summaries = TestLog.summaries(22);
    summaries.set(12, "a different entry 13");
    TestLog other = new TestLog(summaries);
    List<String> lines = new ArrayList<>(LOG.export(9, 12, HEADS));
    // the anchor is genuine, the proof is from a tree that differs after entry 12
    lines.set(
        lines.size() - 1,
        ExportLines.end(4, HEADS.get(2), other.tree().consistencyProof(12, 13).path()));
    assertInvalidAtHead(verify(lines), 13, "does not verify");

    // a genuine proof, with an anchor signed over another tree of 13 entries
    List<String> foreign = new ArrayList<>(LOG.export(9, 12, HEADS));
    foreign.set(
        foreign.size() - 1,
        ExportLines.end(4, other.head(KEY, 13, 3), LOG.tree().consistencyProof(12, 13).path()));
    assertInvalidAtHead(verify(foreign), 13, "does not verify");

    // an anchor signed by an unknown key, and one older than the last head
    List<String> unknown = new ArrayList<>(LOG.export(9, 12, HEADS));
    unknown.set(
        unknown.size() - 1,
        ExportLines.end(4, LOG.head(OTHER_KEY, 13, 3), LOG.tree().consistencyProof(12, 13).path()));
    assertInvalidAtHead(verify(unknown), 13, "not trusted");
    List<String> older = new ArrayList<>(LOG.export(6, 12, HEADS));
    older.set(
        older.size() - 1,
        ExportLines.end(7, LOG.head(KEY, 13, 1), LOG.tree().consistencyProof(12, 13).path()));
    assertInvalidAtHead(verify(older), 13, "goes back in time");
  }

  @Test
  void truncatedExportFails() {
    List<String> lines = new ArrayList<>(LOG.export(1, 22, HEADS));
    lines.removeLast();
    ExportVerifier.Report noEnd = verify(lines);
    assertThat(noEnd.valid()).isFalse();
    assertThat(noEnd.reason()).startsWith("export truncated");

    // start, entries 1..14 and the heads of 4, 8 and 13
    List<String> cut = new ArrayList<>(LOG.export(1, 22, HEADS).subList(0, 18));
    assertInvalidAtEntry(verify(cut), 15, "export truncated");

    // an end line that claims the cut export is complete
    List<String> ended = new ArrayList<>(LOG.export(1, 22, HEADS).subList(0, 18));
    ended.add(ExportLines.end(14, null, List.of()));
    assertInvalidAtEntry(verify(ended), 15, "export truncated");
  }

  @Test
  void malformedExportsAreRefused() {
    List<String> lines = LOG.export(1, 22, HEADS);
    assertThat(ExportVerifier.verify(TRUSTED, List.of(), false, "").reason())
        .contains("no start line");
    assertThat(verify(lines.subList(1, lines.size())).reason())
        .contains("does not begin with its start line");
    List<String> twice = new ArrayList<>(lines);
    twice.add(3, lines.getFirst());
    assertThat(verify(twice).reason()).contains("second start line");
    List<String> after = new ArrayList<>(lines);
    after.add(lines.get(1));
    assertThat(verify(after).reason()).contains("follows the end line");
    List<String> garbage = new ArrayList<>(lines);
    garbage.set(5, "{\"kind\":\"entry\"");
    assertThat(verify(garbage).reason()).contains("line 6 cannot be read");
  }

  // ------------------------------------------------------------------ witnesses

  @Test
  void witnessedHeadContradictingTheExportCatchesARewrittenAndResignedLog() {
    // the server holds the key: it rewrote entry 10 and signed new heads over the rewritten log
    List<String> summaries = TestLog.summaries(22);
    summaries.set(9, "Bar 10 of AAPL closed at 1.00");
    TestLog rewritten = new TestLog(summaries);
    List<SignedTreeHead> resigned = List.of(rewritten.head(KEY, 13, 5), rewritten.head(KEY, 21, 6));
    List<String> lines = rewritten.export(1, 22, resigned);
    assertThat(verify(lines).valid()).isTrue();

    // someone kept the real head of 13 entries
    assertInvalidAtHead(verify(lines, List.of(HEADS.get(2))), 13, "the log was rewritten");
    // or the real head of 8, before the rewritten entry: that one still agrees
    assertThat(verify(lines, List.of(HEADS.get(1))).witnessesChecked()).isEqualTo(1);
  }

  @Test
  void witnessedHeadsAreCheckedInRangeAtTheFrontierAndAgainstTheAnchor() {
    List<String> part = LOG.export(9, 12, HEADS);
    // 4: before the export; 8: the frontier's tree; 13: beyond the export, not the anchor's size;
    // 21: the anchor's size
    ExportVerifier.Report report = verify(part, HEADS);
    assertThat(report.valid()).as(report.reason()).isTrue();
    assertThat(report.witnessesChecked()).isEqualTo(2);
    assertThat(report.witnessesNotCheckable()).isEqualTo(2);

    // a witnessed root of 8 entries that the exported frontier does not hash to
    List<String> summaries = TestLog.summaries(22);
    summaries.set(2, "a different entry 3");
    TestLog fork = new TestLog(summaries);
    assertInvalidAtHead(verify(part, List.of(fork.head(KEY, 8, 2))), 8, "the log was rewritten");
    // the anchor contradicted by a witnessed head of its size
    assertInvalidAtHead(verify(part, List.of(fork.head(KEY, 21, 4))), 21, "the log was rewritten");
  }

  @Test
  void witnessedHeadNotSignedByATrustedKeyIsRefused() {
    assertInvalidAtHead(
        verify(LOG.export(1, 22, HEADS), List.of(LOG.head(OTHER_KEY, 13, 3))),
        13,
        "witnessed head of 13 entries: head is signed with key " + OTHER_KEY.keyId());
  }

  @Test
  void headsAreNeverTrustedForTheirKeyIdAlone() {
    // a head naming the trusted key id but signed with another key
    SignedTreeHead real = HEADS.get(1);
    TreeHead head = real.head();
    SignedTreeHead spoofed =
        new SignedTreeHead(
            head, OTHER_KEY.sign(head.treeSize(), head.rootHash(), head.timestamp()).signature());
    List<String> lines = new ArrayList<>(LOG.export(1, 22, HEADS));
    lines.set(headLine(lines, 8), ExportLines.head(spoofed));
    assertInvalidAtHead(verify(lines), 8, "signature does not verify with key " + KEY.keyId());
  }
}

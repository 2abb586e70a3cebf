package io.backtest.audit.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.log.HashChain;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.InMemoryLeafHashes;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.merkle.MerkleTree;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHeadSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * An audit log built in memory with the module's own classes, as the service builds it: entries
 * chained by {@link HashChain}, leaves hashed into the RFC 9162 tree, heads signed with a real
 * Ed25519 key; and its exports, written with {@link ExportLines} as the service writes them.
 */
final class TestLog {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  final List<LogEntry> entries = new ArrayList<>();
  final List<Sha256> hashes = new ArrayList<>();
  final InMemoryLeafHashes leaves = new InMemoryLeafHashes();

  /** A log of one bar event per summary, entry i saying {@code summaries.get(i - 1)}. */
  TestLog(List<String> summaries) {
    Sha256 prev = Sha256.ZERO;
    for (String summary : summaries) {
      long seq = entries.size() + 1;
      ObjectNode payload = JsonNodeFactory.instance.objectNode();
      payload.put("symbol", "AAPL");
      payload.put("close", 187.25 + seq);
      payload.put("volume", 1_000_000 + seq);
      LogEntry entry =
          new LogEntry(
              seq,
              UUID.nameUUIDFromBytes(("event-" + seq + summary).getBytes(StandardCharsets.UTF_8)),
              "io.backtest.market.bars",
              "/market-feed",
              "AAPL",
              "corr-" + (seq % 3),
              seq > 1 ? "cause-" + (seq - 1) : null,
              T0.plusSeconds(seq),
              T0.plusSeconds(seq).plusNanos(123_456_000),
              "market.bars",
              0,
              100 + seq,
              payload,
              summary,
              prev);
      Sha256 hash = HashChain.hash(entry);
      entries.add(entry);
      hashes.add(hash);
      leaves.add(MerkleHash.leafHash(entry.canonicalJson().getBytes(StandardCharsets.UTF_8)));
      prev = hash;
    }
  }

  /** {@code n} entries saying "Bar n of AAPL closed at ...". */
  static TestLog of(int n) {
    return new TestLog(summaries(n));
  }

  static List<String> summaries(int n) {
    List<String> summaries = new ArrayList<>();
    for (int seq = 1; seq <= n; seq++) {
      summaries.add("Bar " + seq + " of AAPL closed at " + (187.25 + seq));
    }
    return summaries;
  }

  MerkleTree tree() {
    return new MerkleTree(leaves);
  }

  /** This log's head of {@code size} entries, signed {@code minute} minutes after T0. */
  SignedTreeHead head(TreeHeadSigner signer, long size, int minute) {
    return signer.sign(size, tree().rootHash(size), T0.plusSeconds(60L * minute));
  }

  /**
   * The export of entries {@code from..to} as the service writes it: the heads whose size is in the
   * range after their entry, and the largest head of {@code to} entries or more as the anchor with
   * this log's consistency proof to it.
   */
  List<String> export(long from, long to, List<SignedTreeHead> heads) {
    List<SignedTreeHead> sorted = new ArrayList<>(heads);
    sorted.sort(Comparator.comparingLong(h -> h.head().treeSize()));
    MerkleTree tree = tree();
    List<String> lines = new ArrayList<>();
    lines.add(
        ExportLines.start(
            from,
            to,
            from == 1 ? Sha256.ZERO : hashes.get((int) from - 2),
            tree.frontier(from - 1)));
    for (long seq = from; seq <= to; seq++) {
      int i = (int) seq - 1;
      lines.add(ExportLines.entry(entries.get(i), hashes.get(i), leaves.leafHash(i)));
      for (SignedTreeHead head : sorted) {
        if (head.head().treeSize() == seq) {
          lines.add(ExportLines.head(head));
        }
      }
    }
    SignedTreeHead anchor =
        sorted.stream().filter(h -> h.head().treeSize() >= to).reduce((a, b) -> b).orElse(null);
    lines.add(
        ExportLines.end(
            to - from + 1,
            anchor,
            anchor == null
                ? List.of()
                : tree.consistencyProof(to, anchor.head().treeSize()).path()));
    return lines;
  }

  static String text(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }
}

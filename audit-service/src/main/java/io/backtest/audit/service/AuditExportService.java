package io.backtest.audit.service;

import io.backtest.audit.config.AuditConfig;
import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.StoredTreeHead;
import io.backtest.audit.export.ExportLines;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.audit.mapping.TreeHeadMapper;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.repository.AuditEntryRepository;
import io.backtest.audit.repository.MerkleNodeRepository;
import io.backtest.audit.repository.TreeHeadRepository;
import io.backtest.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Exports a range of the log in the format of {@link ExportLines}, for offline verification and for
 * the archive of a partition: the entries with their hashes, the signed heads among them, and what
 * makes a part of the log checkable on its own (the chain hash and the tree's frontier before it,
 * and a consistency proof to the latest head after it).
 *
 * <p>Streamed: entries are read in pages of {@code audit.verify-page-size}, each page in its own
 * session (closed with it, so nothing accumulates), and the next page is read only once the
 * previous one was written, so memory stays bounded whatever the range. The log only grows, so
 * pages read in several sessions still show one state of entries {@code fromSeq..toSeq}.
 */
@ApplicationScoped
public class AuditExportService {
  private final AuditEntryRepository entries;
  private final TreeHeadRepository heads;
  private final MerkleNodeRepository nodes;
  private final AuditConfig config;

  public AuditExportService(
      AuditEntryRepository entries,
      TreeHeadRepository heads,
      MerkleNodeRepository nodes,
      AuditConfig config) {
    this.entries = entries;
    this.heads = heads;
    this.nodes = nodes;
    this.config = config;
  }

  /**
   * The export of entries {@code fromSeq..toSeq}, as chunks of whole lines without their last line
   * feed (each chunk is one line or several joined by line feeds).
   *
   * @param fromSeq the first entry, >= 1; null for 1
   * @param toSeq the last entry, >= fromSeq; null for the log's size when the export starts
   * @return the lines; fails before the first with a {@link ProblemException} (400 naming {@code
   *     fromSeq} or {@code toSeq}) when the range is not in the log
   */
  public Multi<String> export(Long fromSeq, Long toSeq) {
    return Panache.withSession(() -> range(fromSeq, toSeq).chain(this::startLine))
        .onItem()
        .transformToMulti(
            start ->
                Multi.createBy()
                    .concatenating()
                    .streams(
                        Multi.createFrom().item(start.line()),
                        pages(start.first(), start.last()),
                        Uni.createFrom()
                            .deferred(() -> Panache.withSession(() -> endLine(start)))
                            .toMulti()));
  }

  private record Range(long first, long last) {}

  private record Start(long first, long last, String line) {}

  private Uni<Range> range(Long fromSeq, Long toSeq) {
    return entries
        .headSeq()
        .map(
            size -> {
              if (toSeq != null && toSeq > size) {
                throw ProblemException.badRequest(
                    "toSeq", "must be <= " + size + ", the entries in the log, but was " + toSeq);
              }
              long first = fromSeq == null ? 1 : fromSeq;
              long last = toSeq == null ? size : toSeq;
              if (first > last) {
                throw toSeq == null
                    ? ProblemException.badRequest(
                        "fromSeq",
                        "must be <= " + size + ", the entries in the log, but was " + first)
                    : ProblemException.badRequest(
                        "fromSeq", "must be <= toSeq (" + last + ") but was " + first);
              }
              return new Range(first, last);
            });
  }

  /** The chain hash of entry {@code first - 1} and the frontier of the tree before it. */
  private Uni<Start> startLine(Range range) {
    long before = range.first() - 1;
    Uni<Sha256> prevHash =
        before == 0
            ? Uni.createFrom().item(Sha256.ZERO)
            : entries.findById(before).map(entry -> Sha256.of(entry.hash));
    return prevHash.chain(
        hash ->
            StoredTree.compute(nodes, before, tree -> tree.frontier(before))
                .map(
                    frontier ->
                        new Start(
                            range.first(),
                            range.last(),
                            ExportLines.start(range.first(), range.last(), hash, frontier))));
  }

  /** One chunk per page of entries, with the heads whose size falls in the page. */
  private Multi<String> pages(long first, long last) {
    long[] after = {first - 1};
    return Multi.createBy()
        .repeating()
        .uni(
            () -> after,
            cursor ->
                cursor[0] >= last
                    ? Uni.createFrom().item("")
                    : Panache.withSession(() -> page(cursor, last)))
        .until(String::isEmpty);
  }

  private Uni<String> page(long[] cursor, long last) {
    long after = cursor[0];
    return entries
        .entriesAfter(after, last, config.verifyPageSize())
        .chain(
            rows -> {
              if (rows.isEmpty() || rows.getFirst().seq != after + 1) {
                // a gapless log never answers this; a stream cut here reads as truncated
                throw new IllegalStateException(
                    "entry " + (after + 1) + " is missing from the log");
              }
              long pageEnd = rows.getLast().seq;
              return heads
                  .sizesBetween(after + 1, pageEnd)
                  .map(
                      signed -> {
                        cursor[0] = pageEnd;
                        return lines(rows, signed);
                      });
            });
  }

  /** The lines of a page: each entry, and each head right after the entry at its size. */
  static String lines(List<AuditEntry> rows, List<StoredTreeHead> signed) {
    List<String> lines = new ArrayList<>(rows.size() + signed.size());
    Iterator<StoredTreeHead> next = signed.iterator();
    StoredTreeHead head = next.hasNext() ? next.next() : null;
    for (AuditEntry row : rows) {
      if (row.leafHash == null) {
        throw new IllegalStateException("entry " + row.seq + " has no leaf hash");
      }
      try {
        lines.add(
            ExportLines.entry(
                AuditEntryMapper.toLogEntry(row), Sha256.of(row.hash), Sha256.of(row.leafHash)));
      } catch (IllegalArgumentException e) {
        Log.warnf("audit export stops at entry %d, which cannot be read: %s", row.seq, e);
        throw new IllegalStateException("entry " + row.seq + " cannot be read", e);
      }
      // by value: both are boxed, and == compares only the small ones by value
      while (head != null && head.treeSize.equals(row.seq)) {
        lines.add(ExportLines.head(TreeHeadMapper.toSigned(head)));
        head = next.hasNext() ? next.next() : null;
      }
    }
    return String.join("\n", lines);
  }

  /** The entry count, the latest head at or beyond the last entry, and the proof up to it. */
  private Uni<String> endLine(Start start) {
    long count = start.last() - start.first() + 1;
    return heads
        .latest()
        .chain(
            latest -> {
              if (latest == null || latest.treeSize < start.last()) {
                return Uni.createFrom().item(ExportLines.end(count, null, List.of()));
              }
              SignedTreeHead anchor = TreeHeadMapper.toSigned(latest);
              long size = latest.treeSize;
              return StoredTree.compute(
                      nodes, size, tree -> tree.consistencyProof(start.last(), size).path())
                  .map(proof -> ExportLines.end(count, anchor, proof));
            });
  }
}

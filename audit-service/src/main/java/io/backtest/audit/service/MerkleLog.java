package io.backtest.audit.service;

import io.backtest.audit.config.AuditConfig;
import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.audit.merkle.MerkleAppender;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.merkle.MerkleNode;
import io.backtest.audit.merkle.MerkleTree;
import io.backtest.audit.repository.AuditEntryRepository;
import io.backtest.audit.repository.MerkleNodeRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tree's frontier between appends. It is a cache of what the database holds: every use checks
 * it against the log's last entry (under the append lock) and rebuilds it from the stored hashes
 * ({@link MerkleTree#frontier}, O(log n) lookups) when another instance appended meanwhile or an
 * append was rolled back. Rebuilding also fills in the leaf hashes of entries written before the
 * tree existed, with their subtrees, before anything is appended after them.
 */
@ApplicationScoped
public class MerkleLog {
  private final AuditEntryRepository entries;
  private final MerkleNodeRepository nodes;
  private final AuditConfig config;

  /** The frontier after the last append this instance saw commit (or attempted). */
  private final AtomicReference<Tip> cached = new AtomicReference<>();

  public MerkleLog(AuditEntryRepository entries, MerkleNodeRepository nodes, AuditConfig config) {
    this.entries = entries;
    this.nodes = nodes;
    this.config = config;
  }

  /**
   * The log's last entry and the tree of all entries. Call in a transaction that holds the append
   * lock; the appender is the caller's own copy.
   */
  public Uni<Tip> tip() {
    return entries
        .head()
        .chain(
            head -> {
              Tip known = cached.get();
              if (known != null && known.matches(head)) {
                return Uni.createFrom().item(known.copy(head));
              }
              return rebuild(head);
            });
  }

  /**
   * Appends the leaves of {@code rows} (new entries after {@code tip}, in seq order, each with its
   * leaf hash) to {@code tip}'s tree and stores the subtrees they complete, in one statement.
   *
   * @return the tip after them
   */
  public Uni<Tip> append(Tip tip, List<AuditEntry> rows) {
    if (rows.isEmpty()) {
      return Uni.createFrom().item(tip);
    }
    List<MerkleNode> completed = new ArrayList<>();
    for (AuditEntry row : rows) {
      completed.addAll(tip.appender().append(Sha256.of(row.leafHash)));
    }
    AuditEntry last = rows.getLast();
    Tip after = new Tip(last, tip.appender(), Sha256.of(last.leafHash));
    return nodes
        .insertNodes(completed)
        // checked again by the next tip(): a rollback leaves a cache that no longer matches
        .invoke(() -> cached.set(after))
        .replaceWith(after);
  }

  private Uni<Tip> rebuild(AuditEntry head) {
    long size = head == null ? 0 : head.seq;
    return nodes
        .firstSeqWithoutLeafHash()
        .chain(
            missing -> {
              long complete = missing == 0 ? size : missing - 1;
              return StoredTree.compute(nodes, complete, tree -> tree.frontier(complete))
                  .map(frontier -> MerkleAppender.resume(complete, frontier))
                  .chain(appender -> fillIn(appender, size))
                  .map(
                      appender -> {
                        Sha256 last =
                            head == null
                                ? null
                                : head.leafHash != null ? Sha256.of(head.leafHash) : leafHash(head);
                        Tip tip = new Tip(head, appender, last);
                        cached.set(tip);
                        Log.debugf("merkle: frontier rebuilt at %d entries", size);
                        return tip.copy(head);
                      });
            });
  }

  /**
   * Hashes the entries after the appender's tree up to {@code size}, which lack their leaf hash,
   * page by page: stores each leaf hash and the subtrees it completes.
   */
  private Uni<MerkleAppender> fillIn(MerkleAppender appender, long size) {
    if (appender.size() >= size) {
      return Uni.createFrom().item(appender);
    }
    if (appender.size() == 0 || appender.size() % (config.verifyPageSize() * 20L) == 0) {
      Log.infof("merkle: filling in leaf hashes from entry %d of %d", appender.size() + 1, size);
    }
    return entries
        .entriesAfter(appender.size(), size, config.verifyPageSize())
        .chain(
            rows -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (AuditEntry row : rows) {
                if (row.seq != appender.size() + 1 || row.leafHash != null) {
                  return Uni.createFrom()
                      .failure(
                          new IllegalStateException(
                              "entry "
                                  + row.seq
                                  + " cannot be added to a tree of "
                                  + appender.size()
                                  + " entries"));
                }
                Sha256 leafHash = leafHash(row);
                List<MerkleNode> completed = appender.append(leafHash);
                chain =
                    chain
                        .chain(() -> nodes.fillLeafHash(row.seq, leafHash))
                        .chain(() -> nodes.insertNodes(completed));
                row.leafHash = leafHash.bytes();
              }
              return chain
                  .chain(() -> entries.getSession())
                  .invoke(session -> session.clear())
                  .chain(() -> fillIn(appender, size));
            });
  }

  /** The leaf hash of a stored entry: {@code SHA-256(0x00 || its canonical JSON)}. */
  static Sha256 leafHash(AuditEntry row) {
    return MerkleHash.leafHash(leaf(row));
  }

  /** The leaf of a stored entry: the UTF-8 RFC 8785 JSON of {@link AuditEntryMapper#toLogEntry}. */
  static byte[] leaf(AuditEntry row) {
    return AuditEntryMapper.toLogEntry(row).canonicalJson().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The last entry and the tree of the entries up to it.
   *
   * @param head the last entry, null for an empty log
   * @param appender the tree
   * @param headLeafHash the last entry's leaf hash, to tell its tree from another of the same size
   */
  public record Tip(AuditEntry head, MerkleAppender appender, Sha256 headLeafHash) {
    boolean matches(AuditEntry current) {
      if (current == null || head == null) {
        return current == null && head == null;
      }
      return current.seq.equals(appender.size())
          && current.leafHash != null
          && Sha256.of(current.leafHash).equals(headLeafHash);
    }

    /** A copy whose appender the caller may advance. */
    Tip copy(AuditEntry current) {
      return new Tip(
          current,
          MerkleAppender.resume(
              appender.size(), appender.frontier().stream().map(MerkleNode::hash).toList()),
          headLeafHash);
    }

    /** The number of entries. */
    public long size() {
      return appender.size();
    }
  }
}

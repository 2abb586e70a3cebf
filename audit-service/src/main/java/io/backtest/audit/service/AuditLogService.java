package io.backtest.audit.service;

import io.backtest.audit.config.AuditConfig;
import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.EntryFilter;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.domain.StoredTreeHead;
import io.backtest.audit.log.ChainVerifier;
import io.backtest.audit.log.HashChain;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.audit.mapping.TreeHeadMapper;
import io.backtest.audit.merkle.LogVerifier;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.repository.AuditEntryRepository;
import io.backtest.audit.repository.TreeHeadRepository;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Appends events to the audit log (hash chain and Merkle tree), reads it, and verifies it. */
@ApplicationScoped
public class AuditLogService {
  private final AuditEntryRepository repository;
  private final TreeHeadRepository heads;
  private final MerkleLog tree;
  private final SigningKeys keys;
  private final CheckpointService checkpoints;
  private final AuditConfig config;

  public AuditLogService(
      AuditEntryRepository repository,
      TreeHeadRepository heads,
      MerkleLog tree,
      SigningKeys keys,
      CheckpointService checkpoints,
      AuditConfig config) {
    this.repository = repository;
    this.heads = heads;
    this.tree = tree;
    this.keys = keys;
    this.checkpoints = checkpoints;
    this.config = config;
  }

  /**
   * Appends an event as the next entry, unless the log already holds its id (a redelivery), in
   * which case nothing changes: {@link #appendAll} with one event.
   *
   * @return the new entry, or empty for a redelivered event
   */
  public Uni<Optional<AuditEntry>> append(ReceivedEvent event) {
    return appendAll(List.of(event)).map(rows -> rows.stream().findFirst());
  }

  /**
   * Appends events as the next entries, in the given order, in one transaction: one advisory lock
   * (appends are serialised across instances, so seq is gapless and each entry links to the one
   * committed before it), one query for the ids the log already holds, one read of the tip, the
   * rows in one statement, the subtrees they complete in one statement, and the signed tree head
   * when one is due by count ({@link CheckpointService#signAfterAppend}). An event whose id the log
   * already holds (a redelivery), or that came earlier in the same list, changes nothing. Any
   * failure rolls back the whole list.
   *
   * @return the new entries in seq order; fewer than the events when some were already recorded
   */
  @WithTransaction
  public Uni<List<AuditEntry>> appendAll(List<ReceivedEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return repository
        .lockForAppend()
        // checked under the lock: a concurrent append of the same ids has committed or not started
        .chain(() -> repository.knownEventIds(events.stream().map(ReceivedEvent::eventId).toList()))
        .chain(
            known -> {
              Set<UUID> seen = new HashSet<>(known);
              List<ReceivedEvent> fresh = new ArrayList<>(events.size());
              for (ReceivedEvent event : events) {
                if (seen.add(event.eventId())) {
                  fresh.add(event);
                }
              }
              if (fresh.isEmpty()) {
                return Uni.createFrom().item(List.<AuditEntry>of());
              }
              return tree.tip().chain(tip -> appendAfter(tip, fresh));
            });
  }

  /**
   * Proves that the log can be appended to right now: takes the append lock and reads the tip, in a
   * transaction that writes nothing. Ingestion asks it when one event fails on its own, to tell an
   * event the database refuses from a database that refuses everything.
   *
   * @return the number of entries
   */
  @WithTransaction
  public Uni<Long> probeAppend() {
    return repository.lockForAppend().chain(tree::tip).map(MerkleLog.Tip::size);
  }

  private Uni<List<AuditEntry>> appendAfter(MerkleLog.Tip tip, List<ReceivedEvent> events) {
    AuditEntry head = tip.head();
    long seq = tip.size();
    Sha256 prevHash = head == null ? Sha256.ZERO : Sha256.of(head.hash);
    // microseconds: the database's precision, so that the hashed time is the stored one
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<AuditEntry> rows = new ArrayList<>(events.size());
    for (ReceivedEvent event : events) {
      LogEntry entry = AuditEntryMapper.toLogEntry(event, ++seq, prevHash, now);
      // the leaf is canonicalised once: the chain and the tree hash the same bytes
      byte[] leaf = entry.canonicalJson().getBytes(StandardCharsets.UTF_8);
      Sha256 hash = HashChain.hash(prevHash, leaf);
      AuditEntry row = AuditEntryMapper.toRow(entry, hash);
      row.leafHash = MerkleHash.leafHash(leaf).bytes();
      rows.add(row);
      prevHash = hash;
    }
    return repository
        .insertAll(rows)
        .chain(() -> tree.append(tip, rows))
        .chain(checkpoints::signAfterAppend)
        .replaceWith(rows);
  }

  /** One page of entries matching {@code filter}, in {@code order}, with the total count. */
  @WithSession
  public Uni<Page<AuditEntry>> findEntries(
      EntryFilter filter, PageRequest request, SortRequest order) {
    return repository
        .count(filter)
        .chain(
            total ->
                request.offset() >= total
                    // past the end (also where page × size would not even fit a query's offset)
                    ? Uni.createFrom().item(Page.of(List.<AuditEntry>of(), request, total))
                    : repository
                        .search(filter, request.page(), request.size(), order)
                        .map(items -> Page.of(items, request, total)));
  }

  /** The entry at {@code seq}, or null. */
  @WithSession
  public Uni<AuditEntry> findEntryBySeq(long seq) {
    return repository.findById(seq);
  }

  /**
   * Recomputes the log from its stored entries, reading them in pages so that memory stays bounded
   * whatever its size: each entry's leaf hash and chain hash, the Merkle tree, and every stored
   * signed head against the tree of its size (signature with the key its key id names, sizes and
   * times never going back, root equal to the recomputed root). The heads are read before the
   * entries, so that a head signed meanwhile is not mistaken for one claiming missing entries.
   */
  @WithSession
  public Uni<LogVerification> verify() {
    return verify(config.verifyPageSize());
  }

  /** {@link #verify()}, reading {@code pageSize} entries per query. */
  @WithSession
  Uni<LogVerification> verify(int pageSize) {
    return heads
        .allInOrder()
        .chain(
            rows -> {
              List<SignedTreeHead> signed = new ArrayList<>(rows.size());
              for (StoredTreeHead row : rows) {
                try {
                  signed.add(TreeHeadMapper.toSigned(row));
                } catch (IllegalArgumentException e) {
                  return Uni.createFrom()
                      .item(
                          LogVerification.invalidHead(
                              row.treeSize, "head cannot be read: " + e.getMessage()));
                }
              }
              LogVerifier merkle = new LogVerifier(keys.keyRing(), signed);
              return repository
                  .headSeq()
                  .chain(
                      head ->
                          verifyPages(
                              new Verifiers(new ChainVerifier(), merkle, signed), head, pageSize));
            });
  }

  private record Verifiers(ChainVerifier chain, LogVerifier merkle, List<SignedTreeHead> heads) {
    LogVerification failed(LogVerifier.Result result) {
      return result.firstBadSeq() != null
          ? LogVerification.invalidEntry(result.firstBadSeq(), result.reason())
          : LogVerification.invalidHead(
              heads.get(result.firstBadHead()).head().treeSize(), result.reason());
    }
  }

  private Uni<LogVerification> verifyPages(Verifiers verifiers, long head, int pageSize) {
    long after = verifiers.chain().verified();
    if (after >= head) {
      LogVerifier.Result result = verifiers.merkle().finish();
      return Uni.createFrom()
          .item(
              result.valid()
                  ? LogVerification.valid(
                      result.entries(), result.rootHash(), result.headsVerified())
                  : verifiers.failed(result));
    }
    long last = Math.min(head, after + pageSize);
    // a page is a range of positions, not a number of rows, checked for positions that two rows
    // claim: such a position is named whichever of its rows the page holds
    return repository
        .firstSeqStoredTwice(after + 1, last)
        .chain(
            storedTwice ->
                repository
                    .entriesAt(after + 1, last)
                    .chain(rows -> verifyPage(verifiers, head, pageSize, rows, storedTwice)));
  }

  private Uni<LogVerification> verifyPage(
      Verifiers verifiers, long head, int pageSize, List<AuditEntry> rows, long storedTwice) {
    long after = verifiers.chain().verified();
    if (rows.isEmpty()) {
      return Uni.createFrom()
          .item(
              LogVerification.invalidEntry(
                  after + 1, "entries " + (after + 1) + " to " + head + " are missing"));
    }
    for (AuditEntry row : rows) {
      Optional<LogVerification> violation = check(verifiers, row);
      if (violation.isEmpty() && row.seq == storedTwice) {
        violation =
            Optional.of(
                LogVerification.invalidEntry(
                    row.seq, "entry " + row.seq + " is stored more than once"));
      }
      if (violation.isPresent()) {
        Log.warnf(
            "audit log verification failed at %s: %s",
            violation.get().firstInvalidSeq() != null
                ? "entry " + violation.get().firstInvalidSeq()
                : "head " + violation.get().firstInvalidHead(),
            violation.get().reason());
        return Uni.createFrom().item(violation.get());
      }
    }
    // the page's entities are no longer needed: keep the session small
    return repository
        .getSession()
        .invoke(session -> session.clear())
        .chain(() -> verifyPages(verifiers, head, pageSize));
  }

  /** The leaf (and the heads it completes) first, then the chain link. */
  private static Optional<LogVerification> check(Verifiers verifiers, AuditEntry row) {
    if (row.seq <= verifiers.chain().verified()) {
      return Optional.of(
          LogVerification.invalidEntry(row.seq, "entry " + row.seq + " is stored more than once"));
    }
    LogEntry entry;
    Sha256 storedHash;
    Sha256 storedLeafHash;
    try {
      entry = AuditEntryMapper.toLogEntry(row);
      storedHash = Sha256.of(row.hash);
      storedLeafHash = row.leafHash == null ? null : Sha256.of(row.leafHash);
    } catch (IllegalArgumentException e) {
      return Optional.of(
          LogVerification.invalidEntry(row.seq, "entry cannot be read: " + e.getMessage()));
    }
    if (storedLeafHash == null) {
      return Optional.of(LogVerification.invalidEntry(row.seq, "entry has no leaf hash"));
    }
    Optional<LogVerifier.Result> merkle =
        verifiers
            .merkle()
            .accept(
                row.seq, entry.canonicalJson().getBytes(StandardCharsets.UTF_8), storedLeafHash);
    if (merkle.isPresent()) {
      return Optional.of(verifiers.failed(merkle.get()));
    }
    return verifiers
        .chain()
        .accept(entry, storedHash)
        .map(failure -> LogVerification.invalidEntry(failure.firstInvalidSeq(), failure.reason()));
  }

  /**
   * The outcome of a verification.
   *
   * @param valid whether every entry and signed head checked out
   * @param treeSize entries verified (when valid)
   * @param rootHash root of all entries (when valid)
   * @param signedHeads heads verified (when valid)
   * @param firstInvalidSeq the first entry that fails, when an entry fails
   * @param firstInvalidHead the tree size of the first head that fails, when a head fails
   * @param reason why (when not valid)
   */
  public record LogVerification(
      boolean valid,
      long treeSize,
      Sha256 rootHash,
      int signedHeads,
      Long firstInvalidSeq,
      Long firstInvalidHead,
      String reason) {
    static LogVerification valid(long treeSize, Sha256 rootHash, int signedHeads) {
      return new LogVerification(true, treeSize, rootHash, signedHeads, null, null, null);
    }

    static LogVerification invalidEntry(long seq, String reason) {
      return new LogVerification(false, 0, null, 0, seq, null, reason);
    }

    static LogVerification invalidHead(long treeSize, String reason) {
      return new LogVerification(false, 0, null, 0, null, treeSize, reason);
    }
  }
}

package io.backtest.audit.service;

import io.backtest.audit.config.AuditConfig;
import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.EntryFilter;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.log.ChainVerifier;
import io.backtest.audit.log.ChainVerifier.Verification;
import io.backtest.audit.log.HashChain;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.audit.repository.AuditEntryRepository;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Appends events to the hash-chained audit log, reads it, and verifies it. */
@ApplicationScoped
public class AuditLogService {
  private final AuditEntryRepository repository;
  private final AuditConfig config;

  public AuditLogService(AuditEntryRepository repository, AuditConfig config) {
    this.repository = repository;
    this.config = config;
  }

  /**
   * Appends an event as the next entry, unless the log already holds its id (a redelivery), in
   * which case nothing changes. Appends are serialised by a transaction-scoped advisory lock, so
   * seq is gapless and each entry links to the one committed before it.
   *
   * @return the new entry, or empty for a redelivered event
   */
  @WithTransaction
  public Uni<Optional<AuditEntry>> append(ReceivedEvent event) {
    return repository
        .lockForAppend()
        // checked under the lock: a concurrent append of the same id has committed or not started
        .chain(() -> repository.containsEvent(event.eventId()))
        .chain(
            known -> {
              if (known) {
                return Uni.createFrom().item(Optional.<AuditEntry>empty());
              }
              return repository.head().chain(head -> appendAfter(head, event)).map(Optional::of);
            });
  }

  private Uni<AuditEntry> appendAfter(AuditEntry head, ReceivedEvent event) {
    long seq = head == null ? 1 : head.seq + 1;
    Sha256 prevHash = head == null ? Sha256.ZERO : Sha256.of(head.hash);
    // microseconds: the database's precision, so that the hashed time is the stored one
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    LogEntry entry = AuditEntryMapper.toLogEntry(event, seq, prevHash, now);
    AuditEntry row = AuditEntryMapper.toRow(entry, HashChain.hash(entry));
    return repository.persist(row);
  }

  /** One page of entries matching {@code filter}, in seq order, with the total count. */
  @WithSession
  public Uni<Page<AuditEntry>> findEntries(EntryFilter filter, PageRequest request) {
    return repository
        .count(filter)
        .chain(
            total ->
                request.offset() >= total
                    // past the end (also where page × size would not even fit a query's offset)
                    ? Uni.createFrom().item(Page.of(List.<AuditEntry>of(), request, total))
                    : repository
                        .search(filter, request.page(), request.size())
                        .map(items -> Page.of(items, request, total)));
  }

  /** The entry at {@code seq}, or null. */
  @WithSession
  public Uni<AuditEntry> findEntryBySeq(long seq) {
    return repository.findById(seq);
  }

  /**
   * Recomputes the chain from the stored entries up to the head at the start of the verification,
   * reading them in pages so that memory stays bounded whatever the size of the log.
   */
  @WithSession
  public Uni<Verification> verify() {
    return repository.headSeq().chain(head -> verifyPages(new ChainVerifier(), head));
  }

  private Uni<Verification> verifyPages(ChainVerifier verifier, long head) {
    long after = verifier.verified();
    if (after >= head) {
      return Uni.createFrom().item(verifier.result());
    }
    return repository
        .entriesAfter(after, head, config.verifyPageSize())
        .chain(
            rows -> {
              if (rows.isEmpty()) {
                return Uni.createFrom()
                    .item(
                        verifier
                            .reject(
                                after + 1,
                                "entries " + (after + 1) + " to " + head + " are missing")
                            .orElseThrow());
              }
              for (AuditEntry row : rows) {
                Optional<Verification> violation = check(verifier, row);
                if (violation.isPresent()) {
                  Log.warnf(
                      "audit log verification failed at #%d: %s",
                      violation.get().firstInvalidSeq(), violation.get().reason());
                  return Uni.createFrom().item(violation.get());
                }
              }
              // the page's entities are no longer needed: keep the session small
              return repository
                  .getSession()
                  .invoke(session -> session.clear())
                  .chain(() -> verifyPages(verifier, head));
            });
  }

  private static Optional<Verification> check(ChainVerifier verifier, AuditEntry row) {
    LogEntry entry;
    Sha256 stored;
    try {
      entry = AuditEntryMapper.toLogEntry(row);
      stored = Sha256.of(row.hash);
    } catch (IllegalArgumentException e) {
      return verifier.reject(row.seq, "entry cannot be read: " + e.getMessage());
    }
    return verifier.accept(entry, stored);
  }
}

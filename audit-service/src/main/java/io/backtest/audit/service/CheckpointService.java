package io.backtest.audit.service;

import io.backtest.audit.config.AuditConfig;
import io.backtest.audit.domain.StoredTreeHead;
import io.backtest.audit.mapping.TreeHeadMapper;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.repository.AuditEntryRepository;
import io.backtest.audit.repository.TreeHeadRepository;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.AuditCheckpoint;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Correlation;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs, stores and publishes tree heads (checkpoints): when {@code audit.checkpoint.every-entries}
 * entries arrived since the last head (by the append that reaches that count, in its transaction),
 * and every {@code audit.checkpoint.every} when any entry arrived (a scheduled check).
 *
 * <p>The log records its own checkpoints, read back from {@code audit.checkpoint} like every topic,
 * so each head adds an entry. The scheduled check does not count those entries: a tree that grew
 * only by checkpoint entries gets no head, so an idle log signs nothing (a head follows every other
 * entry within one interval, and covers the checkpoint entries before it).
 *
 * <p>A head is made under the append lock, in one transaction with its outbox event: it is
 * published if and only if it is stored, and at most one head exists per tree size.
 */
@ApplicationScoped
public class CheckpointService {
  private final Vertx vertx;
  private final AuditEntryRepository entries;
  private final TreeHeadRepository heads;
  private final MerkleLog tree;
  private final SigningKeys keys;
  private final Outbox outbox;
  private final PlatformConfig platform;
  private final AuditConfig config;
  private final AtomicBoolean running = new AtomicBoolean();

  /** 0: nothing pending; 1: a time-driven check; else the entries that make a head due. */
  private final AtomicLong pendingThreshold = new AtomicLong();

  /** Size of the last head this instance knows of: spares a query per append. */
  private final AtomicLong lastHeadSize = new AtomicLong();

  public CheckpointService(
      Vertx vertx,
      AuditEntryRepository entries,
      TreeHeadRepository heads,
      MerkleLog tree,
      SigningKeys keys,
      Outbox outbox,
      PlatformConfig platform,
      AuditConfig config) {
    this.vertx = vertx;
    this.entries = entries;
    this.heads = heads;
    this.tree = tree;
    this.keys = keys;
    this.outbox = outbox;
    this.platform = platform;
    this.config = config;
  }

  /**
   * At start: fills in the leaf hashes of entries written before the tree existed and rebuilds the
   * frontier (under the append lock, so before any append), then learns the last head's size.
   */
  void start(@Observes StartupEvent startup) {
    onNewContext(
        () ->
            Panache.withTransaction(() -> entries.lockForAppend().chain(tree::tip))
                .chain(
                    tip ->
                        Panache.withSession(heads::latest)
                            .invoke(
                                last ->
                                    lastHeadSize.accumulateAndGet(
                                        last == null ? 0 : last.treeSize, Math::max))
                            .replaceWith(tip))
                .subscribe()
                .with(
                    tip -> Log.infof("audit: Merkle tree ready at %d entries", tip.size()),
                    failure -> Log.errorf(failure, "audit: the Merkle tree could not be rebuilt")));
  }

  /**
   * Signs a head of {@code tip}, the tree just after an append, when {@code
   * audit.checkpoint.every-entries} entries arrived since the last head. Called by the append, in
   * its transaction and under its append lock: the head needs no lock or read of the tree of its
   * own and is stored (and its event put in the outbox) with the entries it covers, or not at all.
   *
   * @return the new head, or empty when none was due
   */
  public Uni<Optional<SignedTreeHead>> signAfterAppend(MerkleLog.Tip tip) {
    long every = config.checkpoint().everyEntries();
    // the last head this instance knows of is never beyond the stored one: not due by it, not due
    if (tip.size() - lastHeadSize.get() < every) {
      return Uni.createFrom().item(Optional.empty());
    }
    return heads
        .latest()
        .chain(
            last -> {
              long lastSize = last == null ? 0 : last.treeSize;
              lastHeadSize.accumulateAndGet(lastSize, Math::max);
              return tip.size() - lastSize < every
                  ? Uni.createFrom().item(Optional.<SignedTreeHead>empty())
                  : sign(last, tip).map(Optional::of);
            });
  }

  @Scheduled(
      every = "${audit.checkpoint.every:10s}",
      delayed = "${audit.checkpoint.every:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void onSchedule() {
    request(1);
  }

  /** Signs a head when at least {@code threshold} entries other than checkpoints arrived. */
  private void request(long threshold) {
    pendingThreshold.accumulateAndGet(
        threshold, (current, next) -> current == 0 ? next : Math.min(current, next));
    if (running.compareAndSet(false, true)) {
      onNewContext(this::drain);
    }
  }

  private void drain() {
    long threshold = pendingThreshold.getAndSet(0);
    if (threshold == 0) {
      running.set(false);
      if (pendingThreshold.get() != 0 && running.compareAndSet(false, true)) {
        drain();
      }
      return;
    }
    Uni.createFrom()
        .deferred(() -> signIfDue(threshold))
        .subscribe()
        .with(
            signed -> drain(),
            failure -> {
              Log.warnf(failure, "audit: signing a tree head failed, will retry");
              drain();
            });
  }

  /**
   * Signs, stores and publishes a head of the whole log when at least {@code threshold} entries
   * other than the log's own checkpoints were appended since the last head.
   *
   * @return the new head, or empty when none was due
   */
  public Uni<Optional<SignedTreeHead>> signIfDue(long threshold) {
    return Panache.withTransaction(
        () ->
            entries
                .lockForAppend()
                .chain(heads::latest)
                .chain(
                    last -> {
                      long lastSize = last == null ? 0 : last.treeSize;
                      lastHeadSize.accumulateAndGet(lastSize, Math::max);
                      return entries
                          .countSince(lastSize, EventCatalog.AUDIT_CHECKPOINT.type())
                          .chain(
                              grown ->
                                  grown < threshold
                                      ? Uni.createFrom().item(Optional.<SignedTreeHead>empty())
                                      : tree.tip().chain(tip -> sign(last, tip)).map(Optional::of));
                    }));
  }

  /** Signs, stores and publishes the head of {@code tip}, the tree after the head {@code last}. */
  private Uni<SignedTreeHead> sign(StoredTreeHead last, MerkleLog.Tip tip) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // heads never go back in time, whatever the clock does
    Instant timestamp = last != null && last.signedAt.isAfter(now) ? last.signedAt : now;
    SignedTreeHead signed = keys.signer().sign(tip.size(), tip.appender().rootHash(), timestamp);
    AuditCheckpoint checkpoint = TreeHeadMapper.toCheckpoint(signed);
    EventEnvelope<AuditCheckpoint> event =
        EventEnvelope.create(
            EventCatalog.AUDIT_CHECKPOINT,
            platform.source(),
            AuditCheckpoint.SUBJECT,
            Correlation.newId(),
            null,
            checkpoint);
    return heads
        .persist(TreeHeadMapper.toRow(signed))
        .chain(() -> outbox.add(EventCatalog.AUDIT_CHECKPOINT, event))
        .invoke(
            () -> {
              lastHeadSize.accumulateAndGet(tip.size(), Math::max);
              Log.infof(
                  "audit: tree head %d %s signed with key %s",
                  tip.size(), signed.head().rootHash(), signed.head().keyId());
            })
        .replaceWith(signed);
  }

  /** Runs on a duplicated Vert.x context of its own, as Hibernate Reactive requires. */
  private void onNewContext(Runnable task) {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(ignored -> task.run());
  }
}

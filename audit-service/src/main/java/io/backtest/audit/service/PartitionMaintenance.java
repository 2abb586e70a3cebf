package io.backtest.audit.service;

import io.backtest.audit.config.AuditConfig;
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

/**
 * Keeps the log's monthly partitions ahead of time: the current month's and the next {@code
 * audit.partitions.months-ahead} months' (UTC), at start-up and every {@code
 * audit.partitions.check-every}. The service's role may not create tables: it calls the database
 * function {@code audit_ensure_partitions}, which runs as the tables' owner, takes the append lock
 * only when a partition is missing, and moves into a new partition any rows of its month that
 * waited in the DEFAULT partition. Without it an append still succeeds (the DEFAULT partition takes
 * it); the month could then not be archived on its own until its partition exists.
 */
@ApplicationScoped
public class PartitionMaintenance {
  private final Vertx vertx;
  private final AuditConfig config;

  public PartitionMaintenance(Vertx vertx, AuditConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  void start(@Observes StartupEvent startup) {
    onNewContext(this::ensurePartitionsInBackground);
  }

  @Scheduled(
      every = "${audit.partitions.check-every:24h}",
      delayed = "${audit.partitions.check-every:24h}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void onSchedule() {
    onNewContext(this::ensurePartitionsInBackground);
  }

  /**
   * Creates the missing partitions of the current month and the months ahead.
   *
   * @return how many were created
   */
  public Uni<Integer> ensurePartitions() {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "select audit_ensure_partitions(:monthsAhead)", Integer.class)
                            .setParameter("monthsAhead", config.partitions().monthsAhead())
                            .getSingleResult()));
  }

  private void ensurePartitionsInBackground() {
    ensurePartitions()
        .subscribe()
        .with(
            created -> {
              if (created > 0) {
                Log.infof("audit: %d monthly partitions created", created);
              }
            },
            failure ->
                Log.errorf(
                    failure,
                    "audit: the monthly partitions could not be checked; entries of a month"
                        + " without its partition go to the DEFAULT partition"));
  }

  /** Runs on a duplicated Vert.x context of its own, as Hibernate Reactive requires. */
  private void onNewContext(Runnable task) {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(ignored -> task.run());
  }
}

package io.backtest.scoring.service;

import io.backtest.scoring.config.ScoringConfig;
import io.backtest.scoring.repository.CycleRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * Closes cycles that went quiet, so that a lost result never keeps a cycle waiting: every {@code
 * scoring.timeout-check-interval}, each open cycle without an event for {@code
 * scoring.cycle-timeout} is closed by {@link ScoringService#closeIfQuiet}, one transaction per
 * cycle.
 *
 * <p>No cycle is closed during the first {@code cycle-timeout} after start-up: a service that was
 * down has its backlog of results to read first, and the receipt times it recorded before going
 * down say nothing about results still waiting in Kafka.
 */
@ApplicationScoped
public class CycleTimeoutCheck {
  private final CycleRepository cycles;
  private final ScoringService scoring;
  private final ScoringConfig config;
  private volatile Instant upSince = Instant.now();

  public CycleTimeoutCheck(CycleRepository cycles, ScoringService scoring, ScoringConfig config) {
    this.cycles = cycles;
    this.scoring = scoring;
    this.config = config;
  }

  void started(@Observes StartupEvent startup) {
    upSince = Instant.now();
  }

  @Scheduled(
      identity = "cycle-timeout",
      every = "${scoring.timeout-check-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> closeQuietCycles() {
    Instant now = Instant.now();
    if (now.isBefore(upSince.plus(config.cycleTimeout()))) {
      return Uni.createFrom().voidItem();
    }
    Instant cutoff = now.minus(config.cycleTimeout());
    return Panache.withSession(() -> cycles.findQuietSince(cutoff, config.timeoutBatchSize()))
        .onItem()
        .transformToMulti(ids -> Multi.createFrom().iterable(ids))
        .onItem()
        .transformToUniAndConcatenate(
            cycleId ->
                scoring
                    .closeIfQuiet(cycleId, cutoff)
                    .onFailure()
                    .recoverWithItem(
                        failure -> {
                          // the next check tries again; the other cycles go on
                          Log.errorf(
                              failure, "cycle %s: closing after the timeout failed", cycleId);
                          return false;
                        }))
        .collect()
        .asList()
        .replaceWithVoid();
  }
}

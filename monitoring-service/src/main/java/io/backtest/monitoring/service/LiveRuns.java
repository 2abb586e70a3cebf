package io.backtest.monitoring.service;

import io.backtest.monitoring.domain.Deployment;
import io.backtest.monitoring.domain.DeploymentStatus;
import io.backtest.monitoring.domain.LiveRun;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory watches, by strategy. A watch is only a cache of what the database records: it is
 * used while it agrees with its deployment row (same promotion, same bars traded, up to the same
 * bar, detecting while watched) and rebuilt from the stored bars otherwise — after a restart, or
 * after a transaction that advanced it rolled back.
 */
@ApplicationScoped
public class LiveRuns {
  private record Entry(UUID promotionEventId, LiveRun run) {}

  private final ConcurrentMap<UUID, Entry> runs = new ConcurrentHashMap<>();

  /** The watch of a deployment if it agrees with the row; else null. */
  public LiveRun current(Deployment d) {
    Entry e = runs.get(d.strategyId);
    if (e == null
        || !Objects.equals(e.promotionEventId(), d.promotionEventId)
        || e.run().bars() != d.liveBars
        || !Objects.equals(e.run().lastBarTime(), d.lastBarTime)
        || e.run().detecting() != (d.status == DeploymentStatus.WATCHING)) {
      return null;
    }
    return e.run();
  }

  /** Keeps the watch of a deployment's current promotion. */
  public void put(Deployment d, LiveRun run) {
    runs.put(d.strategyId, new Entry(d.promotionEventId, run));
  }

  /** Drops the watch of a strategy (stopped). */
  public void forget(UUID strategyId) {
    runs.remove(strategyId);
  }

  /** Drops every watch, as a restart does. */
  public void clear() {
    runs.clear();
  }
}

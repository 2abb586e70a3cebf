package io.backtest.strategy.service;

import io.backtest.strategy.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs CPU-heavy work (backtests) on a dedicated pool sized to the cores, never on the event loop.
 *
 * <p>The result comes back on the caller's Vert.x context: a Hibernate Reactive session and
 * transaction opened there continue after the computation ({@link WorkerExecutor#executeBlocking}
 * completes its future on the context that called it).
 */
@ApplicationScoped
public class BacktestExecutor {
  private final WorkerExecutor pool;

  public BacktestExecutor(Vertx vertx, WorkerConfig config) {
    int threads = config.threads().orElse(Runtime.getRuntime().availableProcessors());
    if (threads < 1) {
      throw new IllegalArgumentException("strategy.worker.threads must be >= 1 but was " + threads);
    }
    this.pool =
        vertx.createSharedWorkerExecutor(
            "backtest-worker", threads, config.maxExecuteTime().toNanos(), TimeUnit.NANOSECONDS);
    Log.infof("backtest worker pool: %d threads", threads);
  }

  /** Runs {@code work} on the pool; the item or failure arrives on the caller's context. */
  public <T> Uni<T> run(Callable<T> work) {
    // ordered = false: tasks submitted from one context (one Kafka channel) may run in parallel.
    return Uni.createFrom()
        .completionStage(() -> pool.executeBlocking(work, false).toCompletionStage());
  }

  @PreDestroy
  void close() {
    pool.close();
  }
}

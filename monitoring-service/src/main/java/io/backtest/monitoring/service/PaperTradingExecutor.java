package io.backtest.monitoring.service;

import io.backtest.monitoring.config.MonitoringConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs the paper trading's CPU work (strategies stepped bar by bar, watches rebuilt by replay) on a
 * dedicated pool sized to the cores, never on the event loop.
 *
 * <p>The result comes back on the caller's Vert.x context, so the Hibernate Reactive session and
 * transaction opened there continue after the computation.
 */
@ApplicationScoped
public class PaperTradingExecutor {
  private final WorkerExecutor pool;

  public PaperTradingExecutor(Vertx vertx, MonitoringConfig config) {
    int threads = config.paper().threads().orElse(Runtime.getRuntime().availableProcessors());
    if (threads < 1) {
      throw new IllegalArgumentException(
          "monitoring.paper.threads must be >= 1 but was " + threads);
    }
    this.pool = vertx.createSharedWorkerExecutor("paper-trading", threads, 5, TimeUnit.MINUTES);
    Log.infof("paper trading pool: %d threads", threads);
  }

  /** Runs {@code work} on the pool; the item or failure arrives on the caller's context. */
  public <T> Uni<T> run(Callable<T> work) {
    return Uni.createFrom()
        .completionStage(() -> pool.executeBlocking(work, false).toCompletionStage());
  }

  @PreDestroy
  void close() {
    pool.close();
  }
}

package io.backtest.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The backtest worker: its CPU pool and its cache of dataset bars. */
@ConfigMapping(prefix = "strategy.worker")
public interface WorkerConfig {

  /**
   * Threads running backtests, and backtest requests the worker evaluates at once; the number of
   * available processors when not set.
   */
  Optional<Integer> threads();

  /** {@link #threads()} or, when not set, the number of available processors. */
  default int poolThreads() {
    return threads().orElse(Runtime.getRuntime().availableProcessors());
  }

  /** Longest a backtest may run before Vert.x reports the thread as blocked. */
  @WithName("max-execute-time")
  @WithDefault("10m")
  Duration maxExecuteTime();

  /** Datasets whose bars are kept in memory (least recently used are evicted). */
  @WithName("dataset-cache-size")
  @WithDefault("16")
  int datasetCacheSize();

  /**
   * Datasets whose engine evaluator (indicator series and in-sample window metrics shared by every
   * candidate) is kept in memory; least recently used are evicted.
   */
  @WithName("evaluator-cache-size")
  @WithDefault("2")
  int evaluatorCacheSize();
}

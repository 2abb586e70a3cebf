package io.backtest.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The backtest worker: its CPU pool and its cache of dataset bars. */
@ConfigMapping(prefix = "strategy.worker")
public interface WorkerConfig {

  /** Threads running backtests; the number of available processors when not set. */
  Optional<Integer> threads();

  /** Longest a backtest may run before Vert.x reports the thread as blocked. */
  @WithName("max-execute-time")
  @WithDefault("10m")
  Duration maxExecuteTime();

  /** Datasets whose bars are kept in memory (least recently used are evicted). */
  @WithName("dataset-cache-size")
  @WithDefault("16")
  int datasetCacheSize();
}

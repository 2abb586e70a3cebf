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

  /** {@link #threads()} or, when not set, the number of available processors. */
  default int poolThreads() {
    return threads().orElse(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Backtest requests in progress at once, at most {@link #poolThreads()} of them computing: the
   * others read their inputs or store their results meanwhile, so the database and Kafka work of
   * one request overlaps the computation of another. Four per pool thread when not set.
   */
  @WithName("in-flight")
  Optional<Integer> inFlight();

  /** {@link #inFlight()} or, when not set, four per pool thread. */
  default int inFlightRequests() {
    return inFlight().orElse(4 * poolThreads());
  }

  /**
   * Whether to run the engine's hot paths once at start-up, so that the JIT has compiled them
   * before the first cycle ({@code EngineWarmUp}).
   */
  @WithName("warm-up")
  @WithDefault("true")
  boolean warmUp();

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

package io.backtest.engine.walkforward;

import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.Parameters;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Metrics of backtests over windows of one dataset, keyed by what determines them (template,
 * parameters, execution model, window), shared by every walk-forward analysis on that dataset.
 *
 * <p>Thread-safe. Two threads that miss the same key at once both compute it; both get equal
 * values, so nothing is lost but the duplicate work. Bounded: when more than {@code maxEntries} are
 * held, the cache is emptied (a cycle's entries are few thousand; the bound only protects against a
 * long-lived worker accumulating every cycle it ever ran).
 */
public final class WindowMetricsCache {

  private final ConcurrentHashMap<Key, PerformanceMetrics> entries = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /**
   * @param maxEntries entries held before the cache is emptied, at least 1
   */
  public WindowMetricsCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1 but was " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /** The cached metrics for the key, computing and storing them on a miss. */
  public PerformanceMetrics get(
      String template,
      Parameters params,
      ExecutionModel model,
      int from,
      int to,
      Supplier<PerformanceMetrics> compute) {
    Key key = new Key(template, params, model, from, to);
    PerformanceMetrics cached = entries.get(key);
    if (cached != null) {
      hits.incrementAndGet();
      return cached;
    }
    misses.incrementAndGet();
    PerformanceMetrics computed = Objects.requireNonNull(compute.get(), "computed metrics");
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    PerformanceMetrics raced = entries.putIfAbsent(key, computed);
    return raced != null ? raced : computed;
  }

  /** Lookups answered from the cache so far. */
  public long hits() {
    return hits.get();
  }

  /** Lookups that had to compute so far. */
  public long misses() {
    return misses.get();
  }

  /** Entries held now. */
  public int size() {
    return entries.size();
  }

  private record Key(String template, Parameters params, ExecutionModel model, int from, int to) {}
}

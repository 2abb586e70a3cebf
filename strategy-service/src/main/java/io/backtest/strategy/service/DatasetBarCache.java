package io.backtest.strategy.service;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.strategy.config.WorkerConfig;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.DatasetBar;
import io.backtest.strategy.domain.DatasetContent;
import io.backtest.strategy.repository.DatasetBarRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers' cache of dataset bars, keyed by the content's SHA-256: a dataset's content never
 * changes, so an entry never goes stale, and bars loaded from the database are checked against the
 * digest before they are cached. Least recently used entries are evicted beyond the configured
 * size.
 */
@ApplicationScoped
public class DatasetBarCache {
  private final DatasetBarRepository bars;
  private final Map<String, List<OhlcvBar>> cache;

  public DatasetBarCache(DatasetBarRepository bars, WorkerConfig config) {
    this.bars = bars;
    int capacity = Math.max(1, config.datasetCacheSize());
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, List<OhlcvBar>> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The bars of {@code dataset}, from the cache or else from the database (in the caller's
   * session).
   *
   * @throws DatasetIntegrityException (as the Uni's failure) if the stored bars do not match the
   *     dataset's digest or count
   */
  public Uni<List<OhlcvBar>> bars(Dataset dataset) {
    List<OhlcvBar> cached = get(dataset.sha256);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    return bars.bars(dataset.id)
        .map(
            rows -> {
              List<OhlcvBar> loaded = rows.stream().map(DatasetBar::toBar).toList();
              String sha256 = DatasetContent.sha256(loaded);
              if (loaded.size() != dataset.barCount || !sha256.equals(dataset.sha256)) {
                throw new DatasetIntegrityException(
                    "stored bars of dataset "
                        + dataset.id
                        + " ("
                        + loaded.size()
                        + " bars, sha256 "
                        + sha256
                        + ") do not match the dataset ("
                        + dataset.barCount
                        + " bars, sha256 "
                        + dataset.sha256
                        + ")");
              }
              put(dataset.sha256, loaded);
              Log.infof("dataset %s: %d bars loaded and cached", dataset.id, loaded.size());
              return loaded;
            });
  }

  private synchronized List<OhlcvBar> get(String sha256) {
    return cache.get(sha256);
  }

  private synchronized void put(String sha256, List<OhlcvBar> loaded) {
    cache.put(sha256, loaded);
  }

  /** Stored bars that do not match their dataset's digest: retrying cannot help. */
  public static class DatasetIntegrityException extends RuntimeException {
    public DatasetIntegrityException(String message) {
      super(message);
    }
  }
}

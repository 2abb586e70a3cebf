package io.backtest.strategy.service;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.strategy.config.DatasetConfig;
import io.backtest.strategy.config.WorkerConfig;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.DatasetBar;
import io.backtest.strategy.domain.DatasetContent;
import io.backtest.strategy.repository.DatasetBarContentRepository;
import io.backtest.strategy.repository.DatasetBarRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The cache of decoded dataset bars, keyed by the content's SHA-256: a dataset's content never
 * changes, so an entry never goes stale, and bars loaded from the database are checked against the
 * digest before they are cached. Least recently used entries are evicted beyond the configured
 * number of datasets ({@code strategy.worker.dataset-cache-size}) or bars ({@code
 * strategy.datasets.cache-max-bars}). Backtest workers and the bar pages of the API read through
 * it.
 *
 * <p>Bars come from the dataset's stored content ({@code dataset_content}); datasets stored before
 * it existed are read from their {@code dataset_bar} rows. Decoding and the digest run on a worker
 * thread (a million bars take one to three seconds on a small machine), never on the event loop.
 */
@ApplicationScoped
public class DatasetBarCache {
  private final DatasetBarContentRepository contents;
  private final DatasetBarRepository legacyBars;
  private final Vertx vertx;
  private final Map<String, List<OhlcvBar>> cache = new LinkedHashMap<>(16, 0.75f, true);
  private final int maxEntries;
  private final long maxBars;
  private long cachedBars;

  public DatasetBarCache(
      DatasetBarContentRepository contents,
      DatasetBarRepository legacyBars,
      Vertx vertx,
      WorkerConfig worker,
      DatasetConfig datasets) {
    this.contents = contents;
    this.legacyBars = legacyBars;
    this.vertx = vertx;
    this.maxEntries = Math.max(1, worker.datasetCacheSize());
    this.maxBars = Math.max(1, datasets.cacheMaxBars());
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
    long start = System.nanoTime();
    return contents
        .findById(dataset.id)
        .chain(
            stored -> {
              if (stored != null) {
                byte[] bytes = stored.content;
                return offload(() -> verified(dataset, decode(dataset, bytes)));
              }
              return legacyBars
                  .bars(dataset.id)
                  .chain(
                      rows ->
                          offload(
                              () ->
                                  verified(
                                      dataset, rows.stream().map(DatasetBar::toBar).toList())));
            })
        .invoke(
            loaded ->
                Log.infof(
                    "dataset %s: %d bars loaded, verified and cached in %d ms",
                    dataset.id, loaded.size(), (System.nanoTime() - start) / 1_000_000));
  }

  private static List<OhlcvBar> decode(Dataset dataset, byte[] stored) {
    try {
      return DatasetContent.decode(stored);
    } catch (IllegalArgumentException e) {
      throw new DatasetIntegrityException(
          "stored content of dataset " + dataset.id + " cannot be decoded: " + e.getMessage());
    }
  }

  private List<OhlcvBar> verified(Dataset dataset, List<OhlcvBar> loaded) {
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
    List<OhlcvBar> bars = List.copyOf(loaded);
    put(dataset.sha256, bars);
    return bars;
  }

  /** Runs {@code work} on a worker thread; the result arrives on the caller's context. */
  private <T> Uni<T> offload(Callable<T> work) {
    return Uni.createFrom()
        .completionStage(() -> vertx.executeBlocking(work, false).toCompletionStage());
  }

  private synchronized List<OhlcvBar> get(String sha256) {
    return cache.get(sha256);
  }

  private synchronized void put(String sha256, List<OhlcvBar> loaded) {
    List<OhlcvBar> replaced = cache.put(sha256, loaded);
    cachedBars += loaded.size() - (replaced == null ? 0 : replaced.size());
    var eldest = cache.entrySet().iterator();
    while (cache.size() > 1 && (cache.size() > maxEntries || cachedBars > maxBars)) {
      cachedBars -= eldest.next().getValue().size();
      eldest.remove();
    }
  }

  /** Stored bars that do not match their dataset's digest: retrying cannot help. */
  public static class DatasetIntegrityException extends RuntimeException {
    public DatasetIntegrityException(String message) {
      super(message);
    }
  }
}

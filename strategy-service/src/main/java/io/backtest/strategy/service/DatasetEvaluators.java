package io.backtest.strategy.service;

import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.Timeframe;
import io.backtest.engine.evaluation.Evaluator;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.strategy.config.WorkerConfig;
import io.backtest.strategy.domain.Dataset;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One engine {@link Evaluator} per dataset content, shared by every backtest on it — the worker
 * threads of a cycle and synchronous backtest requests alike — so indicator series and in-sample
 * window metrics are computed once per dataset, not once per candidate.
 *
 * <p>Keyed by the content's SHA-256 (content never changes, so an entry never goes stale); least
 * recently used entries are evicted beyond {@code strategy.worker.evaluator-cache-size}. Call off
 * the event loop: building an evaluator copies the bars into arrays.
 */
@ApplicationScoped
public class DatasetEvaluators {

  private final Map<String, Evaluator> cache = new LinkedHashMap<>(8, 0.75f, true);
  private final int capacity;

  public DatasetEvaluators(WorkerConfig config) {
    this.capacity = Math.max(1, config.evaluatorCacheSize());
  }

  /** The evaluator of {@code dataset}, whose verified bars are {@code bars}. */
  public synchronized Evaluator evaluator(Dataset dataset, List<OhlcvBar> bars) {
    Evaluator evaluator = cache.get(dataset.sha256);
    if (evaluator == null) {
      long start = System.nanoTime();
      BarArrays arrays = BarArrays.of(dataset.id, bars, Timeframe.parse(dataset.timeframe));
      evaluator = new Evaluator(new IndicatorSet(arrays), dataset.barsPerYear);
      cache.put(dataset.sha256, evaluator);
      var eldest = cache.entrySet().iterator();
      while (cache.size() > capacity) {
        eldest.next();
        eldest.remove();
      }
      Log.debugf(
          "dataset %s: evaluator ready in %d ms",
          dataset.id, (System.nanoTime() - start) / 1_000_000);
    }
    return evaluator;
  }
}

package io.backtest.strategy.service;

import io.backtest.contracts.events.RegimeRun;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.regime.RegimeLabels;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.service.DatasetBarCache.DatasetIntegrityException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A dataset's bars labelled with their market regimes ({@link RegimeLabels}: the volatility and
 * trend detectors' causal runs), for {@code cycle.started}: scoring-service splits each candidate's
 * out-of-sample record by them, and the promotion gate's regime fit reads those figures.
 *
 * <p>The bars are read through {@link DatasetBarCache}, as the backtest workers read them; the
 * labelling runs on a Vert.x worker thread, never on the event loop. The runs of the last {@value
 * #CACHE_SIZE} dataset contents are kept (keyed by the content's SHA-256, so never stale): they are
 * a few hundred small records, while labelling a long dataset refits the volatility mixture
 * thousands of times. Labels are a refinement of a cycle, not a condition of it: any failure gives
 * no runs and a warning.
 */
@ApplicationScoped
public class RegimeLabelling {
  /** Dataset contents whose runs are kept. */
  static final int CACHE_SIZE = 16;

  private final DatasetBarCache bars;
  private final Vertx vertx;
  private final Map<String, List<RegimeRun>> cache = new LinkedHashMap<>(16, 0.75f, true);

  public RegimeLabelling(DatasetBarCache bars, Vertx vertx) {
    this.bars = bars;
    this.vertx = vertx;
  }

  /**
   * The regime runs of {@code dataset}'s bars (in the caller's session); empty, with a warning
   * logged, when its bars cannot be read or labelled.
   */
  public Uni<List<RegimeRun>> label(Dataset dataset) {
    List<RegimeRun> cached = get(dataset.sha256);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    return bars.bars(dataset)
        .chain(loaded -> Uni.createFrom().completionStage(() -> labelled(dataset, loaded)))
        .onFailure()
        .recoverWithItem(
            e -> {
              String message =
                  "dataset %s: regimes not labelled (%s); the cycle starts without them";
              if (e instanceof DatasetIntegrityException) {
                // the message says it all; the backtests will fail for the same reason
                Log.warnf(message, dataset.id, e.getMessage());
              } else {
                Log.warnf(e, message, dataset.id, e.getMessage());
              }
              return List.of();
            });
  }

  private CompletionStage<List<RegimeRun>> labelled(Dataset dataset, List<OhlcvBar> loaded) {
    return vertx
        .executeBlocking(
            () -> {
              long start = System.nanoTime();
              List<RegimeRun> runs = RegimeLabels.label(loaded);
              put(dataset.sha256, runs);
              Log.infof(
                  "dataset %s: %d bars labelled in %d regime runs in %d ms",
                  dataset.id, loaded.size(), runs.size(), (System.nanoTime() - start) / 1_000_000);
              return runs;
            },
            false)
        .toCompletionStage();
  }

  private synchronized List<RegimeRun> get(String sha256) {
    return cache.get(sha256);
  }

  private synchronized void put(String sha256, List<RegimeRun> runs) {
    cache.put(sha256, runs);
    var eldest = cache.entrySet().iterator();
    while (cache.size() > CACHE_SIZE) {
      eldest.next();
      eldest.remove();
    }
  }
}

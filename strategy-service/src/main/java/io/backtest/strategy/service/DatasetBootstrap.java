package io.backtest.strategy.service;

import io.backtest.strategy.domain.BundledDataset;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Registers the bundled datasets when the service starts, before it serves requests or consumes
 * events, so that a cycle can always name them.
 */
@ApplicationScoped
public class DatasetBootstrap {
  private final DatasetService datasets;

  public DatasetBootstrap(DatasetService datasets) {
    this.datasets = datasets;
  }

  void onStart(@Observes StartupEvent start) throws Throwable {
    for (BundledDataset bundled : BundledDataset.ALL) {
      var content = DatasetService.readBundled(bundled);
      // Hibernate Reactive needs a Vert.x context; start-up observers run on the main thread.
      boolean inserted =
          VertxContextSupport.subscribeAndAwait(() -> datasets.register(bundled, content));
      Log.infof(
          "bundled dataset %s (%d bars) %s",
          bundled.id(), content.size(), inserted ? "registered" : "already present");
    }
  }
}

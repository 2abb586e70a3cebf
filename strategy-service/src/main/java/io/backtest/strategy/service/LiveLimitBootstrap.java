package io.backtest.strategy.service;

import io.backtest.strategy.config.PromotionConfig;
import io.backtest.strategy.repository.LiveLimitRepository;
import io.backtest.strategy.repository.LiveLimitRepository.LiveLimit;
import io.backtest.strategy.repository.StrategyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Writes the configured cap ({@code strategy.promotion.cap}) into the database's {@code live_limit}
 * when the service starts, before it consumes events or serves requests, and recounts the live set.
 *
 * <p>A cap lowered below the live count takes nothing out of the live set: the strategies stay
 * live, an error is logged, and every promotion fails (the gate promotes nothing, an operator's
 * promotion answers 409) until demotions bring the live count below the cap. Instances with
 * different caps should not run side by side: the last one started sets the database's cap.
 */
@ApplicationScoped
public class LiveLimitBootstrap {
  private final StrategyRepository strategies;
  private final LiveLimitRepository limits;
  private final PromotionConfig config;

  public LiveLimitBootstrap(
      StrategyRepository strategies, LiveLimitRepository limits, PromotionConfig config) {
    this.strategies = strategies;
    this.limits = limits;
    this.config = config;
  }

  void onStart(@Observes StartupEvent start) throws Throwable {
    // Hibernate Reactive needs a Vert.x context; start-up observers run on the main thread.
    LiveLimit limit = VertxContextSupport.subscribeAndAwait(() -> sync(config.cap()));
    if (limit.overCap() > 0) {
      Log.errorf(
          "%d strategies are live, more than the configured cap %d: they stay live, but no"
              + " strategy is promoted until fewer than %d are live (demote some with POST"
              + " /api/v1/strategies/{id}/demote)",
          limit.live(), limit.cap(), limit.cap());
    } else {
      Log.infof("live set: %d of %d", limit.live(), limit.cap());
    }
  }

  /** Writes {@code cap} into the database under the live-set lock; returns the limit now held. */
  public Uni<LiveLimit> sync(int cap) {
    return Panache.withTransaction(() -> strategies.lockLiveSet().chain(() -> limits.sync(cap)));
  }
}

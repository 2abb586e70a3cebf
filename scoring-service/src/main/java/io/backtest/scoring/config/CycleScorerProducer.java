package io.backtest.scoring.config;

import io.backtest.engine.selection.CycleScorer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the cycle scorer from the configuration (the engine stays free of CDI), at start-up so
 * that invalid settings stop the service instead of its first cycle.
 */
@ApplicationScoped
public class CycleScorerProducer {

  /** The scorer; fails for an odd or out-of-range partition count or a non-positive maximum. */
  @Produces
  @Singleton
  @Startup
  CycleScorer cycleScorer(ScoringConfig config) {
    // the default weights are checked here too: a negative or all-zero set is refused
    config.weights().toScoringWeights();
    return new CycleScorer(config.cscv().partitions(), config.correlation().maxCandidates());
  }
}

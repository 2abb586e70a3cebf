package io.backtest.strategy.config;

import io.backtest.engine.strategy.StrategyTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The strategy templates this service generates candidates from: the engine's built-in ones. */
@ApplicationScoped
public class TemplatesProducer {

  @Produces
  @ApplicationScoped
  StrategyTemplates templates() {
    return StrategyTemplates.builtIn();
  }
}

package io.backtest.strategy.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.strategy.config.WorkerConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineWarmUpTest {

  @Test
  void warmUpRunsEveryTemplateThroughAWalkForwardWithoutFailing() {
    WorkerConfig config =
        new WorkerConfig() {
          @Override
          public Optional<Integer> threads() {
            return Optional.of(1);
          }

          @Override
          public Optional<Integer> inFlight() {
            return Optional.empty();
          }

          @Override
          public boolean warmUp() {
            return true;
          }

          @Override
          public Duration maxExecuteTime() {
            return Duration.ofMinutes(1);
          }

          @Override
          public int datasetCacheSize() {
            return 1;
          }

          @Override
          public int evaluatorCacheSize() {
            return 1;
          }
        };
    // The executor is only used by the start-up observer, not by warmUp() itself.
    EngineWarmUp warmUp = new EngineWarmUp(null, config, StrategyTemplates.builtIn());

    assertThat(warmUp.warmUp()).isNotNegative();
  }
}

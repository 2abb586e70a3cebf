package io.backtest.strategy.service;

import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.evaluation.Candidate;
import io.backtest.engine.evaluation.CandidateGeneration;
import io.backtest.engine.evaluation.Evaluator;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.engine.walkforward.WalkForwardSpec;
import io.backtest.strategy.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Runs the engine's hot paths once at start-up, on the worker pool, so that the JIT has compiled
 * them before the first cycle arrives: on a fresh JVM the first few hundred walk-forward
 * evaluations otherwise run interpreted, several times slower than the rest of the cycle. About a
 * second of one worker thread. The readiness check {@code engine-warm-up} reports DOWN until it is
 * done (a failed warm-up is logged and reported UP: it only costs speed), so a deployment sends
 * traffic to a warm worker. {@code strategy.worker.warm-up=false} turns it off.
 */
@Readiness
@ApplicationScoped
public class EngineWarmUp implements HealthCheck {

  private final BacktestExecutor executor;
  private final boolean enabled;
  private final StrategyTemplates templates;
  private volatile boolean done;

  public EngineWarmUp(BacktestExecutor executor, WorkerConfig config, StrategyTemplates templates) {
    this.executor = executor;
    this.enabled = config.warmUp();
    this.templates = templates;
  }

  void onStart(@Observes StartupEvent start) {
    if (!enabled) {
      done = true;
      return;
    }
    executor
        .run(this::warmUp)
        .subscribe()
        .with(
            millis -> {
              done = true;
              Log.infof("engine warmed up in %d ms", millis);
            },
            failure -> {
              done = true;
              Log.warnf(failure, "engine warm-up failed; the first cycle runs colder");
            });
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("engine-warm-up").status(done || !enabled).build();
  }

  /** A small walk-forward of one candidate of every template over synthetic bars. */
  long warmUp() {
    long start = System.nanoTime();
    Duration minute = Duration.ofMinutes(1);
    var bars =
        SyntheticBars.gbm(
                new SyntheticBars.Frame(
                    12_000, 1, Instant.parse("2020-01-01T00:00:00Z"), minute, 100),
                SyntheticBars.DEFAULT_DRIFT,
                SyntheticBars.DEFAULT_VOLATILITY)
            .bars();
    Evaluator evaluator =
        new Evaluator(new IndicatorSet(BarArrays.of("warm-up", bars, minute)), 525_600);
    WalkForwardSpec spec =
        WalkForwardSpec.rolling(4_000, 2_000).withSearch(WalkForwardSpec.Search.GRID, 20);
    for (int round = 0; round < 3; round++) {
      for (Candidate c :
          CandidateGeneration.generate(
              templates.all(),
              2 * templates.all().size(),
              round,
              CandidateGeneration.Method.RANDOM)) {
        evaluator.evaluate(c.template(), c.parameters(), ExecutionModel.defaults(), spec, round);
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}

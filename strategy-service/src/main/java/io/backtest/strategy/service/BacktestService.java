package io.backtest.strategy.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.Backtester;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarSeriesFactory;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.BacktestStatus;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.Timeframe;
import io.backtest.strategy.mapping.EngineMapper;
import io.backtest.strategy.mapping.EventMapper;
import io.backtest.strategy.mapping.ParametersJson;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.CycleRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.strategy.service.DatasetBarCache.DatasetIntegrityException;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.messaging.Outbox;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.ta4j.core.BarSeries;

/**
 * The backtest worker's use case: evaluates one requested backtest and records the result (or the
 * failure) together with its event.
 */
@ApplicationScoped
public class BacktestService {
  private final BacktestRunRepository runs;
  private final StrategyRepository strategies;
  private final CycleRepository cycles;
  private final DatasetRepository datasets;
  private final DatasetBarCache barCache;
  private final BacktestExecutor executor;
  private final StrategyTemplates templates;
  private final Outbox outbox;
  private final PlatformConfig platform;

  public BacktestService(
      BacktestRunRepository runs,
      StrategyRepository strategies,
      CycleRepository cycles,
      DatasetRepository datasets,
      DatasetBarCache barCache,
      BacktestExecutor executor,
      StrategyTemplates templates,
      Outbox outbox,
      PlatformConfig platform) {
    this.runs = runs;
    this.strategies = strategies;
    this.cycles = cycles;
    this.datasets = datasets;
    this.barCache = barCache;
    this.executor = executor;
    this.templates = templates;
    this.outbox = outbox;
    this.platform = platform;
  }

  /**
   * Runs the requested backtest in the caller's transaction (the event consumer's): loads the
   * dataset's bars (cached), evaluates on the worker pool, then marks the run COMPLETED, counts it
   * on its cycle and adds {@code backtest.completed}. A backtest the engine cannot evaluate
   * (invalid parameters, unusable data, any engine error) is marked FAILED, counted, and reported
   * by {@code backtest.failed}; it is not an error of the request. Database failures propagate, so
   * the consumer retries.
   *
   * @throws MalformedEventException (as the Uni's failure) when the request names a run this
   *     service does not know, or ids that contradict the stored run
   */
  public Uni<Void> runBacktest(EventEnvelope<BacktestRequested> event) {
    BacktestRequested request = event.data();
    return runs.findById(request.backtestId())
        .onItem()
        .ifNull()
        .failWith(
            () ->
                new MalformedEventException(
                    "backtest run " + request.backtestId() + " does not exist"))
        .chain(
            run -> {
              if (!run.strategyId.equals(request.strategyId())
                  || !run.cycleId.equals(request.cycleId())) {
                return Uni.createFrom()
                    .failure(
                        new MalformedEventException(
                            "backtest run "
                                + run.id
                                + " belongs to strategy "
                                + run.strategyId
                                + " of cycle "
                                + run.cycleId
                                + ", not to strategy "
                                + request.strategyId()
                                + " of cycle "
                                + request.cycleId()));
              }
              if (run.status != BacktestStatus.REQUESTED) {
                // Another event asked for the same run (not a redelivery, which the inbox skips).
                Log.infof(
                    "backtest run %s is already %s; request %s ignored",
                    run.id, run.status, event.id());
                return Uni.createFrom().voidItem();
              }
              return evaluate(request).chain(outcome -> record(event, run, outcome));
            });
  }

  /** The outcome of an evaluation: a result, or why there is none. */
  private sealed interface Outcome {}

  private record Evaluated(Dataset dataset, BacktestResult result, long durationMillis)
      implements Outcome {}

  private record Failed(String reason) implements Outcome {}

  private Uni<Outcome> evaluate(BacktestRequested request) {
    String datasetId = request.dataset().datasetId();
    return datasets
        .findById(datasetId)
        .chain(
            dataset -> {
              if (dataset == null) {
                return Uni.createFrom()
                    .item(new Failed("dataset " + datasetId + " does not exist"));
              }
              return barCache
                  .bars(dataset)
                  .chain(bars -> executor.run(() -> compute(request, dataset, bars)))
                  .onFailure(DatasetIntegrityException.class)
                  .recoverWithItem(e -> new Failed(e.getMessage()));
            });
  }

  /** The CPU work, on a worker thread: every engine error is a failed backtest. */
  private Outcome compute(BacktestRequested request, Dataset dataset, List<OhlcvBar> bars) {
    long start = System.nanoTime();
    try {
      StrategyTemplate template =
          templates
              .find(request.strategy().template())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown strategy template '"
                              + request.strategy().template()
                              + "'; known: "
                              + templates.ids()));
      Parameters parameters =
          ParametersJson.fromDefinition(template, request.strategy().parameters());
      ExecutionModel model = EngineMapper.toModel(request.execution());
      // A fresh series per run: ta4j strategies cache indicator values on it.
      BarSeries series =
          BarSeriesFactory.toSeries(dataset.id, bars, Timeframe.parse(dataset.timeframe));
      BacktestResult result =
          new Backtester(dataset.barsPerYear)
              .run(series, template.build(series, parameters), model);
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Evaluated(dataset, result, millis);
    } catch (RuntimeException e) {
      Log.warnf(
          "backtest %s of strategy %s failed: %s",
          request.backtestId(), request.strategyId(), e.getMessage());
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Failed(reason);
    }
  }

  private Uni<Void> record(
      EventEnvelope<BacktestRequested> event, BacktestRun run, Outcome outcome) {
    BacktestRequested request = event.data();
    Instant now = Instant.now();
    run.finishedAt = now;
    if (outcome instanceof Evaluated evaluated) {
      BacktestMetrics metrics = EngineMapper.toContract(evaluated.result().metrics());
      run.status = BacktestStatus.COMPLETED;
      run.metrics = EngineMapper.metricsJson(metrics);
      run.openAtEnd = evaluated.result().openAtEnd();
      run.durationMillis = evaluated.durationMillis();
      BacktestCompleted completed =
          new BacktestCompleted(
              run.id,
              run.strategyId,
              run.cycleId,
              EventMapper.datasetRef(evaluated.dataset()),
              request.strategy(),
              metrics,
              evaluated.result().returns(),
              evaluated.result().openAtEnd(),
              evaluated.durationMillis(),
              now);
      Log.debugf(
          "backtest %s: Sharpe %.2f, %d trades in %d ms",
          run.id, metrics.sharpe(), metrics.tradeCount(), evaluated.durationMillis());
      return cycles
          .countBacktested(run.cycleId)
          .chain(
              () ->
                  outbox.add(
                      EventCatalog.BACKTEST_COMPLETED,
                      event.causes(
                          EventCatalog.BACKTEST_COMPLETED,
                          platform.source(),
                          run.strategyId.toString(),
                          completed)));
    }
    String reason = ((Failed) outcome).reason();
    run.status = BacktestStatus.FAILED;
    run.error = reason;
    return strategies
        .findById(run.strategyId)
        .invoke(s -> s.reason = "backtest failed: " + reason)
        .chain(() -> cycles.countFailed(run.cycleId))
        .chain(
            () ->
                outbox.add(
                    EventCatalog.BACKTEST_FAILED,
                    event.causes(
                        EventCatalog.BACKTEST_FAILED,
                        platform.source(),
                        run.strategyId.toString(),
                        new BacktestFailed(run.id, run.strategyId, run.cycleId, reason, now))));
  }
}

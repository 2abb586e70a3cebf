package io.backtest.strategy.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.WalkForwardSummary;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.evaluation.Evaluation;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.engine.walkforward.WalkForwardSpec;
import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.BacktestStatus;
import io.backtest.strategy.domain.Dataset;
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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The backtest worker's use case: evaluates one requested backtest (a single backtest over the
 * whole dataset, or a walk-forward analysis) and records the result (or the failure) together with
 * its event.
 */
@ApplicationScoped
public class BacktestService {
  private final BacktestRunRepository runs;
  private final StrategyRepository strategies;
  private final CycleRepository cycles;
  private final DatasetRepository datasets;
  private final DatasetBarCache barCache;
  private final BacktestExecutor executor;
  private final DatasetEvaluators evaluators;
  private final StrategyTemplates templates;
  private final Outbox outbox;
  private final PlatformConfig platform;
  private final ParameterCipher cipher;

  public BacktestService(
      BacktestRunRepository runs,
      StrategyRepository strategies,
      CycleRepository cycles,
      DatasetRepository datasets,
      DatasetBarCache barCache,
      BacktestExecutor executor,
      DatasetEvaluators evaluators,
      StrategyTemplates templates,
      Outbox outbox,
      PlatformConfig platform,
      ParameterCipher cipher) {
    this.runs = runs;
    this.strategies = strategies;
    this.cycles = cycles;
    this.datasets = datasets;
    this.barCache = barCache;
    this.executor = executor;
    this.evaluators = evaluators;
    this.templates = templates;
    this.outbox = outbox;
    this.platform = platform;
    this.cipher = cipher;
  }

  /**
   * Evaluates the requested backtest before (and outside) the consumer's transaction, so that
   * minutes of CPU hold no database connection: reads the run, the dataset and its bars (cached) in
   * a short session of its own, then runs the engine on the worker pool. Skips the evaluation
   * (null) when the run is unknown or no longer REQUESTED, which {@link #record} then decides on in
   * the transaction; a database failure here also gives null, and {@link #record} evaluates itself.
   */
  public Uni<Outcome> evaluate(BacktestRequested request) {
    return Panache.withSession(
            () ->
                runs.findById(request.backtestId())
                    .chain(
                        run ->
                            run == null || run.status != BacktestStatus.REQUESTED
                                ? Uni.createFrom().<Loaded>nullItem()
                                : load(request)))
        .chain(loaded -> loaded == null ? Uni.createFrom().nullItem() : compute(request, loaded))
        .onFailure()
        .recoverWithItem(
            e -> {
              Log.warnf(
                  "backtest %s: evaluation before the transaction failed (%s); evaluating in it",
                  request.backtestId(), e.toString());
              return null;
            });
  }

  /**
   * Records the requested backtest in the caller's transaction (the event consumer's): marks the
   * run COMPLETED, counts it on its cycle and adds {@code backtest.completed}. A backtest the
   * engine cannot evaluate (invalid parameters, too few bars, unusable data, any engine error) is
   * marked FAILED, counted, and reported by {@code backtest.failed}; it is not an error of the
   * request. Database failures propagate, so the consumer retries.
   *
   * @param evaluated the outcome of {@link #evaluate}, or null to evaluate here
   * @throws MalformedEventException (as the Uni's failure) when the request names a run this
   *     service does not know, or ids that contradict the stored run
   */
  public Uni<Void> recordBacktest(EventEnvelope<BacktestRequested> event, Outcome evaluated) {
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
              Uni<Outcome> outcome =
                  evaluated != null
                      ? Uni.createFrom().item(evaluated)
                      : load(request).chain(loaded -> compute(request, loaded));
              return outcome.chain(o -> record(event, run, o));
            });
  }

  /** The outcome of an evaluation: a result, or why there is none. */
  public sealed interface Outcome {}

  private record Evaluated(
      Dataset dataset, Evaluation evaluation, WalkForwardSummary walkForward, long durationMillis)
      implements Outcome {}

  private record Failed(String reason) implements Outcome {}

  /** A dataset with its verified bars, or why there are none. */
  private record Loaded(Dataset dataset, List<OhlcvBar> bars, String failure) {}

  /** The dataset and its bars, in the caller's session. */
  private Uni<Loaded> load(BacktestRequested request) {
    String datasetId = request.dataset().datasetId();
    return datasets
        .findById(datasetId)
        .chain(
            dataset -> {
              if (dataset == null) {
                return Uni.createFrom()
                    .item(new Loaded(null, null, "dataset " + datasetId + " does not exist"));
              }
              return barCache
                  .bars(dataset)
                  .map(bars -> new Loaded(dataset, bars, null))
                  .onFailure(DatasetIntegrityException.class)
                  .recoverWithItem(e -> new Loaded(dataset, null, e.getMessage()));
            });
  }

  private Uni<Outcome> compute(BacktestRequested request, Loaded loaded) {
    if (loaded.failure() != null) {
      return Uni.createFrom().item(new Failed(loaded.failure()));
    }
    return executor.run(() -> compute(request, loaded.dataset(), loaded.bars()));
  }

  /**
   * The CPU work, on a worker thread, with the dataset's shared evaluator (the engine the
   * synchronous backtests use, so both give the same numbers): every engine error is a failed
   * backtest.
   */
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
      ExecutionModel model = ExecutionModel.of(request.execution());
      WalkForwardSpec spec = EngineMapper.toSpec(request.walkForward());
      Evaluation evaluation =
          evaluators
              .evaluator(dataset, bars)
              .evaluate(template, parameters, model, spec, request.seed());
      WalkForwardSummary summary =
          evaluation.walkForward() == null
              ? null
              : EngineMapper.toSummary(evaluation.walkForward(), request.walkForward(), bars);
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Evaluated(dataset, evaluation, summary, millis);
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
    run.seed = request.seed();
    if (outcome instanceof Evaluated evaluated) {
      Evaluation evaluation = evaluated.evaluation();
      BacktestMetrics metrics = EngineMapper.toContract(evaluation.metrics());
      Provenance provenance =
          new Provenance(evaluated.dataset().sha256, request.seed(), evaluation.engineVersion());
      run.status = BacktestStatus.COMPLETED;
      run.metrics = EngineMapper.metricsJson(metrics);
      run.openAtEnd = evaluation.openAtEnd();
      run.durationMillis = evaluated.durationMillis();
      run.datasetSha256 = provenance.datasetSha256();
      run.engineVersion = provenance.engineVersion();
      cipher.sealWalkForward(run, EngineMapper.json(evaluated.walkForward()));
      run.trials = evaluated.walkForward() == null ? null : evaluated.walkForward().trials();
      BacktestCompleted completed =
          new BacktestCompleted(
              run.id,
              run.strategyId,
              run.cycleId,
              EventMapper.datasetRef(evaluated.dataset()),
              request.strategy(),
              request.execution(),
              metrics,
              ReturnSeries.of(evaluation.returns()),
              evaluated.walkForward(),
              evaluation.openAtEnd(),
              provenance,
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

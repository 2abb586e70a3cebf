package io.backtest.strategy.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.http.Problem.FieldError;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.strategy.CandidateGenerator;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.BacktestStatus;
import io.backtest.strategy.domain.Cycle;
import io.backtest.strategy.domain.CycleStatus;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.domain.StrategyStatus;
import io.backtest.strategy.mapping.EngineMapper;
import io.backtest.strategy.mapping.EventMapper;
import io.backtest.strategy.mapping.ParametersJson;
import io.backtest.strategy.mapping.ViewMapper;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.CycleRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.strategy.rest.CycleView;
import io.backtest.strategy.rest.StartCycleRequest;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Starting cycles (candidates, backtest requests) and reading them. */
@ApplicationScoped
public class CycleService {
  /** Template of a cycle whose request names none. */
  public static final String DEFAULT_TEMPLATE = "sma-crossover";

  /** Most candidates one cycle may have, whatever the template's grid. */
  public static final int MAX_CANDIDATES = 1000;

  private static final SecureRandom SEEDS = new SecureRandom();

  private final CycleRepository cycles;
  private final StrategyRepository strategies;
  private final BacktestRunRepository runs;
  private final DatasetRepository datasets;
  private final StrategyTemplates templates;
  private final Outbox outbox;
  private final PlatformConfig platform;

  public CycleService(
      CycleRepository cycles,
      StrategyRepository strategies,
      BacktestRunRepository runs,
      DatasetRepository datasets,
      StrategyTemplates templates,
      Outbox outbox,
      PlatformConfig platform) {
    this.cycles = cycles;
    this.strategies = strategies;
    this.runs = runs;
    this.datasets = datasets;
    this.templates = templates;
    this.outbox = outbox;
    this.platform = platform;
  }

  /**
   * Starts a cycle in one transaction: the cycle, its candidates and their backtest runs, {@code
   * cycle.started} and one {@code backtest.requested} per candidate (caused by {@code
   * cycle.started}), all under {@code correlationId}.
   *
   * @throws ProblemException 422 naming every invalid field
   */
  @WithTransaction
  public Uni<Cycle> startCycle(StartCycleRequest request, String correlationId) {
    if (request == null) {
      throw ProblemException.badRequest("body", "a JSON object is required");
    }
    String datasetId = request.datasetId();
    Uni<Dataset> dataset =
        datasetId == null || datasetId.isBlank()
            ? Uni.createFrom().nullItem()
            : datasets.findById(datasetId);
    return dataset.chain(
        d -> {
          String templateId = request.template() == null ? DEFAULT_TEMPLATE : request.template();
          StrategyTemplate template = templates.find(templateId).orElse(null);
          List<FieldError> errors = validate(request, d, templateId, template);
          if (!errors.isEmpty()) {
            String detail =
                errors.stream()
                    .map(e -> e.field() + ": " + e.reason())
                    .collect(Collectors.joining("; "));
            return Uni.createFrom()
                .failure(new ProblemException(422, "Unprocessable Content", detail, errors));
          }
          long seed = request.seed() != null ? request.seed() : SEEDS.nextLong();
          return create(d, template, request.candidates(), seed, correlationId);
        });
  }

  private List<FieldError> validate(
      StartCycleRequest request, Dataset dataset, String templateId, StrategyTemplate template) {
    List<FieldError> errors = new ArrayList<>();
    Integer n = request.candidates();
    if (n == null) {
      errors.add(new FieldError("candidates", "is required"));
    } else if (n < 1 || n > MAX_CANDIDATES) {
      errors.add(
          new FieldError(
              "candidates", "must be between 1 and " + MAX_CANDIDATES + " but was " + n));
    } else if (template != null && n > template.space().gridSize()) {
      errors.add(
          new FieldError(
              "candidates",
              n
                  + " requested but template "
                  + template.id()
                  + " has only "
                  + template.space().gridSize()
                  + " distinct parameter sets"));
    }
    if (request.datasetId() == null || request.datasetId().isBlank()) {
      errors.add(new FieldError("datasetId", "is required"));
    } else if (dataset == null) {
      errors.add(new FieldError("datasetId", "dataset " + request.datasetId() + " does not exist"));
    }
    if (template == null) {
      errors.add(
          new FieldError(
              "template", "unknown template '" + templateId + "'; known: " + templates.ids()));
    }
    return errors;
  }

  private Uni<Cycle> create(
      Dataset dataset, StrategyTemplate template, int n, long seed, String correlationId) {
    // Microseconds: what PostgreSQL stores, so the returned entity equals what a read gives.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    ExecutionSettings execution = EngineMapper.toContract(ExecutionModel.defaults());
    DatasetRef datasetRef = EventMapper.datasetRef(dataset);

    Cycle cycle = new Cycle();
    cycle.id = UUID.randomUUID();
    cycle.status = CycleStatus.RUNNING;
    cycle.datasetId = dataset.id;
    cycle.template = template.id();
    cycle.seed = seed;
    cycle.correlationId = correlationId;
    cycle.candidates = n;
    cycle.fill = execution.fill();
    cycle.feeBps = execution.feeBps();
    cycle.slippageBps = execution.slippageBps();
    cycle.positionFraction = execution.positionFraction();
    cycle.createdAt = now;

    List<Parameters> sample = CandidateGenerator.sample(template, n, seed);
    List<Strategy> candidates = new ArrayList<>(n);
    List<BacktestRun> requested = new ArrayList<>(n);
    for (Parameters parameters : sample) {
      Strategy s = new Strategy();
      s.id = UUID.randomUUID();
      s.cycleId = cycle.id;
      s.template = template.id();
      s.parameters = ParametersJson.write(template, parameters);
      s.datasetId = dataset.id;
      s.status = StrategyStatus.CANDIDATE;
      s.createdAt = now;
      candidates.add(s);
      BacktestRun run = new BacktestRun();
      run.id = UUID.randomUUID();
      run.strategyId = s.id;
      run.cycleId = cycle.id;
      run.status = BacktestStatus.REQUESTED;
      run.requestedAt = now;
      requested.add(run);
    }

    EventEnvelope<CycleStarted> started =
        EventEnvelope.create(
            EventCatalog.CYCLE_STARTED,
            platform.source(),
            cycle.id.toString(),
            correlationId,
            null,
            new CycleStarted(
                cycle.id,
                datasetRef,
                template.id(),
                n,
                seed,
                candidates.stream().map(s -> s.id).toList(),
                execution,
                now));
    List<EventEnvelope<BacktestRequested>> requests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Strategy s = candidates.get(i);
      StrategyDefinition definition = EventMapper.definition(s);
      requests.add(
          started.causes(
              EventCatalog.BACKTEST_REQUESTED,
              platform.source(),
              s.id.toString(),
              new BacktestRequested(
                  requested.get(i).id, s.id, cycle.id, datasetRef, definition, execution, now)));
    }
    Log.infof(
        "cycle %s: %d candidates of %s on %s, seed %d",
        cycle.id, n, template.id(), dataset.id, seed);
    return cycles
        .persist(cycle)
        .chain(() -> strategies.persist(candidates))
        .chain(() -> runs.persist(requested))
        .chain(() -> outbox.add(EventCatalog.CYCLE_STARTED, started))
        .chain(() -> outbox.addAll(EventCatalog.BACKTEST_REQUESTED, requests))
        .replaceWith(cycle);
  }

  @WithSession
  public Uni<CycleView> find(UUID id) {
    return cycles
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Cycle", id))
        .map(ViewMapper::cycle);
  }

  @WithSession
  public Uni<Page<CycleView>> page(PageRequest request) {
    return cycles
        .count()
        .chain(
            total ->
                cycles
                    .newestFirst(request)
                    .map(list -> Page.of(list, request, total).map(ViewMapper::cycle)));
  }
}

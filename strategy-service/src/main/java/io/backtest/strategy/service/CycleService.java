package io.backtest.strategy.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.http.Problem.FieldError;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.evaluation.Candidate;
import io.backtest.engine.evaluation.CandidateGeneration;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.engine.walkforward.Objective;
import io.backtest.engine.walkforward.WalkForwardSpec;
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
import io.backtest.support.http.SortRequest;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Starting cycles (candidates, backtest requests) and reading them. */
@ApplicationScoped
public class CycleService {
  /** Template of a cycle whose request names none. */
  public static final String DEFAULT_TEMPLATE = "sma-crossover";

  /** Most candidates one cycle may have, whatever the templates' grids. */
  public static final int MAX_CANDIDATES = CandidateGeneration.MAX_CANDIDATES;

  private static final SecureRandom SEEDS = new SecureRandom();

  private final CycleRepository cycles;
  private final StrategyRepository strategies;
  private final BacktestRunRepository runs;
  private final DatasetRepository datasets;
  private final StrategyTemplates templates;
  private final RegimeLabelling regimeLabels;
  private final Outbox outbox;
  private final PlatformConfig platform;
  private final ParameterCipher cipher;

  public CycleService(
      CycleRepository cycles,
      StrategyRepository strategies,
      BacktestRunRepository runs,
      DatasetRepository datasets,
      StrategyTemplates templates,
      RegimeLabelling regimeLabels,
      Outbox outbox,
      PlatformConfig platform,
      ParameterCipher cipher) {
    this.cycles = cycles;
    this.strategies = strategies;
    this.runs = runs;
    this.datasets = datasets;
    this.templates = templates;
    this.regimeLabels = regimeLabels;
    this.outbox = outbox;
    this.platform = platform;
    this.cipher = cipher;
  }

  /**
   * Starts a cycle in one transaction: the cycle, its candidates and their backtest runs, {@code
   * cycle.started} and one {@code backtest.requested} per candidate (caused by {@code
   * cycle.started}), all under {@code correlationId}. The whole request is validated first; nothing
   * is stored when any of it is invalid. {@code cycle.started} carries the dataset's regime runs
   * ({@link RegimeLabelling}); without them when they cannot be computed.
   *
   * @throws ProblemException 400 when both {@code templates} and {@code template} are given, 422
   *     naming every invalid field
   */
  @WithTransaction
  public Uni<Cycle> startCycle(StartCycleRequest request, String correlationId) {
    return startCycle(request, correlationId, null, null);
  }

  /**
   * Starts a cycle as {@link #startCycle(StartCycleRequest, String)} does, for a cause other than
   * an operator's request: {@code cycle.started} is caused by the event {@code causationId} (null:
   * none), and the cycle keeps {@code reason} (null for an operator's cycle).
   */
  @WithTransaction
  public Uni<Cycle> startCycle(
      StartCycleRequest request, String correlationId, String causationId, String reason) {
    if (request == null) {
      throw ProblemException.badRequest("body", "a JSON object is required");
    }
    if (request.templates() != null && request.template() != null) {
      throw ProblemException.badRequest(
          "template", "is the older alias of templates; give one of them, not both");
    }
    String datasetId = request.datasetId();
    Uni<Dataset> dataset =
        datasetId == null || datasetId.isBlank()
            ? Uni.createFrom().nullItem()
            : datasets.findById(datasetId);
    return dataset.chain(
        d -> {
          Plan plan = plan(request, d);
          if (!plan.errors().isEmpty()) {
            String detail =
                plan.errors().stream()
                    .map(e -> e.field() + ": " + e.reason())
                    .collect(Collectors.joining("; "));
            return Uni.createFrom()
                .failure(new ProblemException(422, "Unprocessable Content", detail, plan.errors()));
          }
          return regimeLabels
              .label(d)
              .chain(regimes -> create(d, plan, regimes, correlationId, causationId, reason));
        });
  }

  /** A validated request with its defaults filled in and its candidates generated, or errors. */
  private record Plan(
      List<FieldError> errors,
      List<String> templates,
      CandidateGeneration.Method generation,
      long seed,
      List<Candidate> candidates,
      ExecutionModel execution,
      WalkForwardSettings walkForward,
      ScoringWeights scoring) {}

  private Plan plan(StartCycleRequest request, Dataset dataset) {
    List<FieldError> errors = new ArrayList<>();
    Integer n = request.candidates();
    if (n == null) {
      errors.add(new FieldError("candidates", "is required"));
    } else if (n < 1 || n > MAX_CANDIDATES) {
      errors.add(
          new FieldError(
              "candidates", "must be between 1 and " + MAX_CANDIDATES + " but was " + n));
    }
    if (request.datasetId() == null || request.datasetId().isBlank()) {
      errors.add(new FieldError("datasetId", "is required"));
    } else if (dataset == null) {
      errors.add(new FieldError("datasetId", "dataset " + request.datasetId() + " does not exist"));
    }
    List<StrategyTemplate> chosen = templates(request, errors);
    CandidateGeneration.Method generation = CandidateGeneration.Method.RANDOM;
    if (request.generation() != null) {
      try {
        generation = CandidateGeneration.Method.fromId(request.generation());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("generation", e.getMessage()));
      }
    }
    ExecutionModel execution = execution(request, errors);
    WalkForwardSettings walkForward = walkForward(request.walkForward(), dataset, errors);
    ScoringWeights scoring = scoring(request.scoring(), errors);
    long seed = request.seed() != null ? request.seed() : SEEDS.nextLong();
    List<Candidate> candidates = List.of();
    if (errors.stream().noneMatch(e -> e.field().startsWith("candidates"))
        && chosen != null
        && n != null) {
      try {
        candidates = CandidateGeneration.generate(chosen, n, seed, generation);
      } catch (IllegalArgumentException e) {
        // more candidates than the templates' grids hold together
        errors.add(new FieldError("candidates", e.getMessage()));
      }
    }
    return new Plan(
        errors,
        chosen == null ? List.of() : chosen.stream().map(StrategyTemplate::id).toList(),
        generation,
        seed,
        candidates,
        execution,
        walkForward,
        scoring);
  }

  /** The requested templates; null (with errors added) when any is invalid. */
  private List<StrategyTemplate> templates(StartCycleRequest request, List<FieldError> errors) {
    if (request.template() != null || request.templates() == null) {
      String id = request.template() == null ? DEFAULT_TEMPLATE : request.template();
      StrategyTemplate template = templates.find(id).orElse(null);
      if (template == null) {
        errors.add(
            new FieldError("template", "unknown template '" + id + "'; known: " + templates.ids()));
        return null;
      }
      return List.of(template);
    }
    List<String> ids = request.templates();
    if (ids.isEmpty()) {
      errors.add(new FieldError("templates", "must name at least one template"));
      return null;
    }
    List<StrategyTemplate> chosen = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean valid = true;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      String field = "templates[" + i + "]";
      StrategyTemplate template = id == null ? null : templates.find(id).orElse(null);
      if (template == null) {
        errors.add(
            new FieldError(field, "unknown template '" + id + "'; known: " + templates.ids()));
        valid = false;
      } else if (!seen.add(id)) {
        errors.add(new FieldError(field, "'" + id + "' is listed twice"));
        valid = false;
      } else {
        chosen.add(template);
      }
    }
    return valid ? chosen : null;
  }

  /** The execution model with the request's costs and settings over the defaults. */
  private static ExecutionModel execution(StartCycleRequest request, List<FieldError> errors) {
    ExecutionModel model = ExecutionModel.defaults();
    StartCycleRequest.Costs costs = request.costs();
    if (costs != null) {
      if (costs.feeBps() != null) {
        if (costs.feeBps() >= 0 && costs.feeBps() <= 10_000) {
          model = model.withFeeBps(costs.feeBps());
        } else {
          errors.add(
              new FieldError(
                  "costs.feeBps", "must be between 0 and 10000 but was " + costs.feeBps()));
        }
      }
      if (costs.slippageBps() != null) {
        if (costs.slippageBps() >= 0 && costs.slippageBps() < 10_000) {
          model = model.withSlippageBps(costs.slippageBps());
        } else {
          errors.add(
              new FieldError(
                  "costs.slippageBps",
                  "must be at least 0 and below 10000 but was " + costs.slippageBps()));
        }
      }
    }
    StartCycleRequest.Execution e = request.execution();
    if (e != null) {
      if (e.fill() != null) {
        switch (e.fill()) {
          case "next-open" -> model = model.withFill(ExecutionModel.Fill.NEXT_OPEN);
          case "same-close" -> model = model.withFill(ExecutionModel.Fill.SAME_CLOSE);
          default ->
              errors.add(
                  new FieldError(
                      "execution.fill",
                      "unknown fill '" + e.fill() + "'; known: next-open, same-close"));
        }
      }
      if (e.direction() != null) {
        switch (e.direction()) {
          case "long-only" -> model = model.withDirection(ExecutionModel.Direction.LONG_ONLY);
          case "long-short" -> model = model.withDirection(ExecutionModel.Direction.LONG_SHORT);
          default ->
              errors.add(
                  new FieldError(
                      "execution.direction",
                      "unknown direction '" + e.direction() + "'; known: long-only, long-short"));
        }
      }
      if (e.positionFraction() != null) {
        if (e.positionFraction() > 0 && e.positionFraction() <= 1) {
          model = model.withPositionFraction(e.positionFraction());
        } else {
          errors.add(
              new FieldError(
                  "execution.positionFraction",
                  "must be greater than 0 and at most 1 but was " + e.positionFraction()));
        }
      }
      if (e.capital() != null) {
        if (e.capital() > 0 && e.capital() <= 1e15) {
          model = model.withCapital(e.capital());
        } else {
          errors.add(
              new FieldError(
                  "execution.capital",
                  "must be greater than 0 and at most 1e15 but was " + e.capital()));
        }
      }
    }
    return model;
  }

  /**
   * The walk-forward settings with their defaults; null when none are requested or (with errors
   * added) when they are invalid, also for the dataset's bar count.
   */
  private static WalkForwardSettings walkForward(
      StartCycleRequest.WalkForward w, Dataset dataset, List<FieldError> errors) {
    if (w == null) {
      return null;
    }
    int before = errors.size();
    String windows = w.windows() == null ? "rolling" : w.windows();
    if (!windows.equals("rolling") && !windows.equals("anchored")) {
      errors.add(
          new FieldError(
              "walkForward.windows",
              "unknown windows '" + windows + "'; known: rolling, anchored"));
    }
    Integer in = w.inSampleBars();
    if (in == null) {
      errors.add(new FieldError("walkForward.inSampleBars", "is required"));
    } else if (in < 2) {
      errors.add(new FieldError("walkForward.inSampleBars", "must be at least 2 but was " + in));
    }
    Integer out = w.outOfSampleBars();
    if (out == null) {
      errors.add(new FieldError("walkForward.outOfSampleBars", "is required"));
    } else if (out < 2) {
      errors.add(
          new FieldError("walkForward.outOfSampleBars", "must be at least 2 but was " + out));
    }
    Integer step = w.stepBars() == null ? out : w.stepBars();
    if (w.stepBars() != null && out != null && step < out) {
      errors.add(
          new FieldError(
              "walkForward.stepBars",
              "must be at least outOfSampleBars ("
                  + out
                  + ") so out-of-sample windows do not overlap, but was "
                  + step));
    }
    String search = w.search() == null ? "grid" : w.search();
    if (!search.equals("grid") && !search.equals("random")) {
      errors.add(
          new FieldError(
              "walkForward.search", "unknown search '" + search + "'; known: grid, random"));
    }
    int points = w.points() == null ? WalkForwardSpec.DEFAULT_POINTS : w.points();
    if (points < 1 || points > WalkForwardSpec.MAX_POINTS) {
      errors.add(
          new FieldError(
              "walkForward.points",
              "must be between 1 and " + WalkForwardSpec.MAX_POINTS + " but was " + points));
    }
    String objective = w.objective() == null ? Objective.SHARPE.id() : w.objective();
    try {
      objective = Objective.fromId(objective).id();
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("walkForward.objective", e.getMessage()));
    }
    if (errors.size() > before) {
      return null;
    }
    WalkForwardSettings settings =
        new WalkForwardSettings(windows, in, out, step, search, points, objective);
    WalkForwardSpec spec = EngineMapper.toSpec(settings);
    if (dataset != null && spec.foldCount(dataset.barCount) == 0) {
      errors.add(
          new FieldError(
              "walkForward",
              "needs at least inSampleBars + outOfSampleBars = "
                  + ((long) in + out)
                  + " bars for one fold but dataset "
                  + dataset.id
                  + " has "
                  + dataset.barCount));
      return null;
    }
    return settings;
  }

  /**
   * The requested weights of the composite score; null when none are requested or (with errors
   * added) when they are invalid.
   */
  private static ScoringWeights scoring(StartCycleRequest.Scoring w, List<FieldError> errors) {
    if (w == null) {
      return null;
    }
    int before = errors.size();
    double deflatedSharpe = weight("scoring.deflatedSharpe", w.deflatedSharpe(), errors);
    double sharpe = weight("scoring.sharpe", w.sharpe(), errors);
    double consistency = weight("scoring.consistency", w.consistency(), errors);
    double drawdown = weight("scoring.drawdown", w.drawdown(), errors);
    if (errors.size() > before) {
      return null;
    }
    if (!(deflatedSharpe + sharpe + consistency + drawdown > 0)) {
      errors.add(new FieldError("scoring", "at least one weight must be greater than 0"));
      return null;
    }
    return new ScoringWeights(deflatedSharpe, sharpe, consistency, drawdown);
  }

  private static double weight(String field, Double value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
      return 0;
    }
    if (!Double.isFinite(value) || value < 0) {
      errors.add(new FieldError(field, "must be a finite number of at least 0 but was " + value));
      return 0;
    }
    return value;
  }

  private Uni<Cycle> create(
      Dataset dataset,
      Plan plan,
      List<RegimeRun> regimes,
      String correlationId,
      String causationId,
      String reason) {
    // Microseconds: what PostgreSQL stores, so the returned entity equals what a read gives.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    ExecutionSettings execution = EngineMapper.toContract(plan.execution());
    DatasetRef datasetRef = EventMapper.datasetRef(dataset);
    int n = plan.candidates().size();
    long seed = plan.seed();

    Cycle cycle = new Cycle();
    cycle.id = UUID.randomUUID();
    cycle.status = CycleStatus.RUNNING;
    cycle.datasetId = dataset.id;
    cycle.templates = EngineMapper.templatesJson(plan.templates());
    cycle.generation = plan.generation().id();
    cycle.walkForward = EngineMapper.json(plan.walkForward());
    cycle.scoring = EngineMapper.json(plan.scoring());
    cycle.seed = seed;
    cycle.correlationId = correlationId;
    cycle.candidates = n;
    cycle.fill = execution.fill();
    cycle.direction = execution.direction();
    cycle.feeBps = execution.feeBps();
    cycle.slippageBps = execution.slippageBps();
    cycle.positionFraction = execution.positionFraction();
    cycle.capital = execution.capital();
    cycle.createdAt = now;
    cycle.reason = reason;

    List<Strategy> candidates = new ArrayList<>(n);
    List<StrategyDefinition> definitions = new ArrayList<>(n);
    List<BacktestRun> requested = new ArrayList<>(n);
    for (Candidate candidate : plan.candidates()) {
      Strategy s = new Strategy();
      s.id = UUID.randomUUID();
      s.cycleId = cycle.id;
      s.template = candidate.template().id();
      String parameters = ParametersJson.write(candidate.template(), candidate.parameters());
      cipher.seal(s, parameters);
      definitions.add(EventMapper.definition(s.template, parameters));
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

    List<UUID> strategyIds = candidates.stream().map(s -> s.id).toList();
    CycleStarted payload;
    try {
      payload =
          new CycleStarted(
              cycle.id,
              datasetRef,
              plan.templates(),
              n,
              seed,
              strategyIds,
              execution,
              plan.walkForward(),
              plan.scoring(),
              now,
              regimes);
    } catch (IllegalArgumentException e) {
      // runs the contract refuses (not contiguous per detector): the cycle goes on without them
      Log.warnf("cycle %s: regime runs of %s left out: %s", cycle.id, dataset.id, e.getMessage());
      payload =
          new CycleStarted(
              cycle.id,
              datasetRef,
              plan.templates(),
              n,
              seed,
              strategyIds,
              execution,
              plan.walkForward(),
              plan.scoring(),
              now);
    }
    EventEnvelope<CycleStarted> started =
        EventEnvelope.create(
            EventCatalog.CYCLE_STARTED,
            platform.source(),
            cycle.id.toString(),
            correlationId,
            causationId,
            payload);
    List<EventEnvelope<BacktestRequested>> requests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Strategy s = candidates.get(i);
      StrategyDefinition definition = definitions.get(i);
      requests.add(
          started.causes(
              EventCatalog.BACKTEST_REQUESTED,
              platform.source(),
              s.id.toString(),
              new BacktestRequested(
                  requested.get(i).id,
                  s.id,
                  cycle.id,
                  datasetRef,
                  definition,
                  execution,
                  plan.walkForward(),
                  seed,
                  now)));
    }
    Log.infof(
        "cycle %s: %d candidates of %s (%s) on %s, seed %d, %s",
        cycle.id,
        n,
        plan.templates(),
        plan.generation().id(),
        dataset.id,
        seed,
        plan.walkForward() == null ? "no walk-forward" : plan.walkForward());
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
  public Uni<Page<CycleView>> page(PageRequest request, SortRequest order) {
    return cycles
        .count()
        .chain(
            total ->
                cycles
                    .page(request, order)
                    .map(list -> Page.of(list, request, total).map(ViewMapper::cycle)));
  }
}

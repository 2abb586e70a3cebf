package io.backtest.strategy.service;

import io.backtest.contracts.http.Problem.FieldError;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.evaluation.Evaluation;
import io.backtest.engine.evaluation.Evaluator;
import io.backtest.engine.strategy.ParameterConstraint;
import io.backtest.engine.strategy.ParameterRange;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.engine.walkforward.Objective;
import io.backtest.engine.walkforward.WalkForwardSpec;
import io.backtest.strategy.config.BacktestApiConfig;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.mapping.BacktestViewMapper;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.rest.BacktestRequest;
import io.backtest.strategy.rest.BacktestView;
import io.backtest.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Synchronous backtests: one parameter set evaluated while the caller waits, on the same {@link
 * Evaluator} (so the same numbers) as a cycle's workers, on the worker pool. Nothing is stored.
 *
 * <p>Requests too large to answer in a few seconds are refused before they run ({@link
 * BacktestApiConfig}): those belong in a cycle.
 */
@ApplicationScoped
public class SyncBacktestService {
  private static final SecureRandom SEEDS = new SecureRandom();

  private final DatasetRepository datasets;
  private final DatasetBarCache bars;
  private final DatasetEvaluators evaluators;
  private final BacktestExecutor executor;
  private final StrategyTemplates templates;
  private final BacktestApiConfig limits;

  public SyncBacktestService(
      DatasetRepository datasets,
      DatasetBarCache bars,
      DatasetEvaluators evaluators,
      BacktestExecutor executor,
      StrategyTemplates templates,
      BacktestApiConfig limits) {
    this.datasets = datasets;
    this.bars = bars;
    this.evaluators = evaluators;
    this.executor = executor;
    this.templates = templates;
    this.limits = limits;
  }

  /**
   * Validates and runs {@code request}.
   *
   * @throws ProblemException (as the Uni's failure) 422 naming every invalid field, or 422 when the
   *     request exceeds a limit
   */
  public Uni<BacktestView> backtest(BacktestRequest request) {
    if (request == null) {
      return Uni.createFrom()
          .failure(ProblemException.badRequest("body", "a JSON object is required"));
    }
    long start = System.nanoTime();
    // The session only spans the reads; the computation runs without holding a connection.
    return Panache.withSession(() -> prepare(request))
        .chain(
            ready ->
                executor.run(
                    () -> {
                      Plan plan = ready.plan();
                      Evaluator evaluator = evaluators.evaluator(ready.dataset(), ready.bars());
                      Evaluation evaluation =
                          evaluator.evaluate(
                              plan.template(),
                              plan.params(),
                              plan.model(),
                              plan.walkForward(),
                              plan.seed());
                      return BacktestViewMapper.backtest(
                          ready.dataset(),
                          evaluator.indicators().bars(),
                          plan.template(),
                          plan.params(),
                          plan.model(),
                          plan.walkForward(),
                          plan.seed(),
                          evaluation);
                    }))
        .invoke(
            view ->
                Log.infof(
                    "backtest of %s %s on %s%s: %d trades in %d ms",
                    view.template(),
                    view.params(),
                    view.dataset().id(),
                    view.walkForward() == null ? "" : " (walk-forward)",
                    view.trades().size(),
                    (System.nanoTime() - start) / 1_000_000));
  }

  /** The dataset, the validated plan and the bars, read in the caller's session. */
  private Uni<Ready> prepare(BacktestRequest request) {
    String datasetId = request.datasetId();
    Uni<Dataset> lookup =
        datasetId == null || datasetId.isBlank()
            ? Uni.createFrom().nullItem()
            : datasets.findById(datasetId);
    return lookup.chain(
        dataset -> {
          Plan plan = plan(request, dataset, templates, limits);
          return bars.bars(dataset).map(loaded -> new Ready(dataset, plan, loaded));
        });
  }

  private record Ready(Dataset dataset, Plan plan, List<OhlcvBar> bars) {}

  /**
   * What to run, once every field is valid.
   *
   * @param walkForward null for one backtest over every bar
   */
  record Plan(
      StrategyTemplate template,
      Parameters params,
      ExecutionModel model,
      WalkForwardSpec walkForward,
      long seed) {}

  /**
   * Checks every field of {@code request} against its template, the dataset and the limits.
   *
   * @param dataset the dataset {@code request.datasetId()} names, or null when there is none
   * @throws ProblemException 422 naming every invalid field; 422 saying the figure and the limit
   *     when the request is valid but too large to answer synchronously
   */
  static Plan plan(
      BacktestRequest request,
      Dataset dataset,
      StrategyTemplates templates,
      BacktestApiConfig limits) {
    List<FieldError> errors = new ArrayList<>();
    if (request.datasetId() == null || request.datasetId().isBlank()) {
      errors.add(new FieldError("datasetId", "is required"));
    } else if (dataset == null) {
      errors.add(new FieldError("datasetId", "dataset " + request.datasetId() + " does not exist"));
    }
    StrategyTemplate template = null;
    if (request.template() == null || request.template().isBlank()) {
      errors.add(new FieldError("template", "is required; known: " + templates.ids()));
    } else {
      template = templates.find(request.template()).orElse(null);
      if (template == null) {
        errors.add(
            new FieldError(
                "template",
                "unknown template '" + request.template() + "'; known: " + templates.ids()));
      }
    }
    Parameters params = template == null ? null : params(template, request.params(), errors);
    ExecutionModel model = model(request.costs(), request.execution(), errors);
    WalkForwardSpec spec = walkForward(request.walkForward(), errors);
    if (spec != null && dataset != null && spec.foldCount(dataset.barCount) == 0) {
      errors.add(
          new FieldError(
              "walkForward",
              "no fold fits: one needs inSampleBars + outOfSampleBars = "
                  + ((long) spec.inSampleBars() + spec.outOfSampleBars())
                  + " bars but dataset "
                  + dataset.id
                  + " has "
                  + dataset.barCount));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422,
          "Unprocessable Content",
          errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")),
          errors);
    }
    checkLimits(dataset.barCount, spec, limits);
    long seed = request.seed() != null ? request.seed() : SEEDS.nextLong();
    return new Plan(template, params, model, spec, seed);
  }

  /**
   * Refuses work too large to answer while the caller waits.
   *
   * @throws ProblemException 422 saying the figure, the limit and what to do instead
   */
  static void checkLimits(int barCount, WalkForwardSpec spec, BacktestApiConfig limits) {
    long cost = Evaluator.cost(barCount, spec);
    if (cost > limits.maxBarSteps()) {
      throw tooLarge(
          String.format(
              Locale.ROOT,
              "this backtest takes %,d bar-steps (%s), over the limit of %,d for a synchronous"
                  + " backtest; run it as a cycle (POST /api/v1/cycles)%s",
              cost,
              spec == null
                  ? "one per bar"
                  : "per fold K = points in-sample windows plus the out-of-sample one, plus K"
                      + " signal series over every bar",
              limits.maxBarSteps(),
              spec == null ? "" : ", or ask for fewer points or folds"));
    }
    long recordBars =
        spec == null ? barCount : (long) spec.foldCount(barCount) * spec.outOfSampleBars();
    if (recordBars > limits.maxBars()) {
      throw tooLarge(
          String.format(
              Locale.ROOT,
              "the evaluated record spans %,d bars, over the limit of %,d for a synchronous"
                  + " backtest's answer; run it as a cycle (POST /api/v1/cycles), or use a shorter"
                  + " dataset",
              recordBars,
              limits.maxBars()));
    }
  }

  private static ProblemException tooLarge(String detail) {
    return new ProblemException(422, "Unprocessable Content", detail, List.of());
  }

  /** The typed parameter set, or null with the problems added to {@code errors}. */
  private static Parameters params(
      StrategyTemplate template, Map<String, BigDecimal> given, List<FieldError> errors) {
    Map<String, BigDecimal> values = given == null ? Map.of() : given;
    int before = errors.size();
    List<String> names = template.space().names();
    for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
      String field = "params." + e.getKey();
      ParameterRange range = template.space().range(e.getKey());
      if (range == null) {
        errors.add(
            new FieldError(
                field,
                "unknown parameter '"
                    + e.getKey()
                    + "' of "
                    + template.id()
                    + "; its parameters: "
                    + names));
      } else if (e.getValue() == null) {
        errors.add(new FieldError(field, "must be a number on " + range.describe()));
      } else {
        String problem = range.problemWith(e.getValue());
        if (problem != null) {
          errors.add(new FieldError(field, problem));
        }
      }
    }
    for (ParameterRange range : template.space().ranges()) {
      if (!range.optional() && !values.containsKey(range.name())) {
        errors.add(
            new FieldError(
                "params." + range.name(),
                "is required by " + template.id() + " (" + range.describe() + ")"));
      }
    }
    if (errors.size() > before) {
      return null;
    }
    Parameters params = template.space().typed(new LinkedHashMap<>(values));
    for (ParameterConstraint constraint : template.space().constraints()) {
      if (!constraint.test(params)) {
        errors.add(
            new FieldError(
                "params", "constraint '" + constraint.description() + "' violated by " + params));
      }
    }
    return errors.size() > before ? null : params;
  }

  /** The execution model with defaults filled in, or null with the problems added. */
  private static ExecutionModel model(
      BacktestRequest.Costs costs, BacktestRequest.Execution execution, List<FieldError> errors) {
    int before = errors.size();
    double fee = ExecutionModel.DEFAULT_FEE_BPS;
    double slippage = ExecutionModel.DEFAULT_SLIPPAGE_BPS;
    if (costs != null) {
      if (costs.feeBps() != null) {
        fee = costs.feeBps();
        if (!(fee >= 0) || Double.isInfinite(fee)) {
          errors.add(new FieldError("costs.feeBps", "must be finite and >= 0 but was " + fee));
        }
      }
      if (costs.slippageBps() != null) {
        slippage = costs.slippageBps();
        if (!(slippage >= 0 && slippage < 10_000)) {
          errors.add(
              new FieldError("costs.slippageBps", "must be in [0, 10000) but was " + slippage));
        }
      }
    }
    ExecutionModel.Fill fill = ExecutionModel.Fill.NEXT_OPEN;
    ExecutionModel.Direction direction = ExecutionModel.Direction.LONG_ONLY;
    double capital = ExecutionModel.DEFAULT_CAPITAL;
    double fraction = 1.0;
    if (execution != null) {
      if (execution.fill() != null) {
        switch (execution.fill()) {
          case "next-open" -> fill = ExecutionModel.Fill.NEXT_OPEN;
          case "same-close" -> fill = ExecutionModel.Fill.SAME_CLOSE;
          default ->
              errors.add(
                  new FieldError(
                      "execution.fill",
                      "must be next-open or same-close but was '" + execution.fill() + "'"));
        }
      }
      if (execution.direction() != null) {
        switch (execution.direction()) {
          case "long-only" -> direction = ExecutionModel.Direction.LONG_ONLY;
          case "long-short" -> direction = ExecutionModel.Direction.LONG_SHORT;
          default ->
              errors.add(
                  new FieldError(
                      "execution.direction",
                      "must be long-only or long-short but was '" + execution.direction() + "'"));
        }
      }
      if (execution.capital() != null) {
        capital = execution.capital();
        if (!(capital > 0) || Double.isInfinite(capital)) {
          errors.add(
              new FieldError("execution.capital", "must be finite and > 0 but was " + capital));
        }
      }
      if (execution.positionFraction() != null) {
        fraction = execution.positionFraction();
        if (!(fraction > 0 && fraction <= 1)) {
          errors.add(
              new FieldError(
                  "execution.positionFraction", "must be in (0, 1] but was " + fraction));
        }
      }
    }
    return errors.size() > before
        ? null
        : new ExecutionModel(fill, direction, fee, slippage, fraction, capital);
  }

  /** The walk-forward settings with defaults filled in, or null (absent, or problems added). */
  private static WalkForwardSpec walkForward(
      BacktestRequest.WalkForward wf, List<FieldError> errors) {
    if (wf == null) {
      return null;
    }
    int before = errors.size();
    WalkForwardSpec.Windows windows = WalkForwardSpec.Windows.ROLLING;
    if (wf.windows() != null) {
      switch (wf.windows()) {
        case "rolling" -> windows = WalkForwardSpec.Windows.ROLLING;
        case "anchored" -> windows = WalkForwardSpec.Windows.ANCHORED;
        default ->
            errors.add(
                new FieldError(
                    "walkForward.windows",
                    "must be rolling or anchored but was '" + wf.windows() + "'"));
      }
    }
    Integer inSample = wf.inSampleBars();
    if (inSample == null) {
      errors.add(new FieldError("walkForward.inSampleBars", "is required"));
    } else if (inSample < 2) {
      errors.add(new FieldError("walkForward.inSampleBars", "must be >= 2 but was " + inSample));
    }
    Integer outOfSample = wf.outOfSampleBars();
    if (outOfSample == null) {
      errors.add(new FieldError("walkForward.outOfSampleBars", "is required"));
    } else if (outOfSample < 2) {
      errors.add(
          new FieldError("walkForward.outOfSampleBars", "must be >= 2 but was " + outOfSample));
    }
    Integer step = wf.stepBars() != null ? wf.stepBars() : outOfSample;
    if (step != null && outOfSample != null && step < outOfSample) {
      errors.add(
          new FieldError(
              "walkForward.stepBars",
              "must be >= outOfSampleBars ("
                  + outOfSample
                  + ") so out-of-sample windows do not overlap, but was "
                  + step));
    }
    WalkForwardSpec.Search search = WalkForwardSpec.Search.GRID;
    if (wf.search() != null) {
      switch (wf.search()) {
        case "grid" -> search = WalkForwardSpec.Search.GRID;
        case "random" -> search = WalkForwardSpec.Search.RANDOM;
        default ->
            errors.add(
                new FieldError(
                    "walkForward.search", "must be grid or random but was '" + wf.search() + "'"));
      }
    }
    int points = wf.points() != null ? wf.points() : WalkForwardSpec.DEFAULT_POINTS;
    if (points < 1 || points > WalkForwardSpec.MAX_POINTS) {
      errors.add(
          new FieldError(
              "walkForward.points",
              "must be between 1 and " + WalkForwardSpec.MAX_POINTS + " but was " + points));
    }
    Objective objective = Objective.SHARPE;
    if (wf.objective() != null) {
      try {
        objective = Objective.fromId(wf.objective());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("walkForward.objective", e.getMessage()));
      }
    }
    return errors.size() > before
        ? null
        : new WalkForwardSpec(windows, inSample, outOfSample, step, search, points, objective);
  }
}

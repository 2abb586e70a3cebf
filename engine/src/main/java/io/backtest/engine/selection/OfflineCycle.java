package io.backtest.engine.selection;

import io.backtest.contracts.events.ReturnSeries;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.evaluation.Candidate;
import io.backtest.engine.evaluation.CandidateGeneration;
import io.backtest.engine.evaluation.Evaluation;
import io.backtest.engine.evaluation.Evaluator;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.walkforward.FoldResult;
import io.backtest.engine.walkforward.WalkForwardResult;
import io.backtest.engine.walkforward.WalkForwardSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A whole research cycle in one process, with the services' own steps: generate the candidates, run
 * each one's walk-forward analysis, pass its stitched out-of-sample returns through the event
 * encoding ({@link ReturnSeries}, as {@code backtest.completed} carries them), score the cycle
 * ({@link CycleScorer}) and decide ({@link PromotionPolicy}) against an empty live set. The
 * statistical-honesty tests and the bench run cycles this way, many seeds at a time, without Kafka
 * in between.
 */
public final class OfflineCycle {

  private OfflineCycle() {}

  /**
   * How the cycle runs.
   *
   * @param templates templates to generate from
   * @param candidates number of candidates
   * @param seed generation and search seed
   * @param walkForward the walk-forward analysis of every candidate
   * @param execution the execution model
   * @param partitions S of the CSCV
   * @param weights composite score weights
   * @param rules the promotion gate
   * @param sharpeVariance V[SR] of the deflated Sharpe ratios
   */
  public record Settings(
      List<StrategyTemplate> templates,
      int candidates,
      long seed,
      WalkForwardSpec walkForward,
      ExecutionModel execution,
      int partitions,
      ScoringWeights weights,
      PromotionRules rules,
      CycleScorer.SharpeVariance sharpeVariance) {
    public Settings {
      templates = List.copyOf(templates);
      Objects.requireNonNull(walkForward, "walkForward");
      Objects.requireNonNull(execution, "execution");
      Objects.requireNonNull(weights, "weights");
      Objects.requireNonNull(rules, "rules");
    }
  }

  /**
   * What the cycle came to.
   *
   * @param score the scored cycle
   * @param decision the gate's decision
   * @param templateOf each candidate's template id, by strategy id
   */
  public record Outcome(
      CycleScore score, PromotionPolicy.Decision decision, Map<UUID, String> templateOf) {

    /** Template ids of the promoted candidates, in rank order. */
    public List<String> promotedTemplates() {
      return decision.promotions().stream()
          .map(v -> templateOf.get(v.candidate().strategyId()))
          .toList();
    }
  }

  /** Runs the cycle on {@code bars}. */
  public static Outcome run(BarArrays bars, double barsPerYear, Settings settings) {
    List<Candidate> candidates =
        CandidateGeneration.generate(
            settings.templates(),
            settings.candidates(),
            settings.seed(),
            CandidateGeneration.Method.RANDOM);
    Evaluator evaluator = new Evaluator(new IndicatorSet(bars), barsPerYear);
    List<ScoringInput> inputs = new ArrayList<>(candidates.size());
    Map<UUID, String> templateOf = new HashMap<>();
    Map<UUID, String> keyOf = new HashMap<>();
    for (Candidate c : candidates) {
      Evaluation evaluation =
          evaluator.evaluate(
              c.template(),
              c.parameters(),
              settings.execution(),
              settings.walkForward(),
              settings.seed());
      WalkForwardResult wf = evaluation.walkForward();
      String key = c.template().id() + "|" + c.parameters();
      UUID id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
      templateOf.put(id, c.template().id());
      keyOf.put(id, key);
      ReturnSeries series = ReturnSeries.of(wf.returns());
      PerformanceMetrics m = wf.outOfSample();
      int profitable = 0;
      for (FoldResult fold : wf.folds()) {
        if (fold.outOfSample().totalReturn() > 0) {
          profitable++;
        }
      }
      inputs.add(
          new ScoringInput(
              id,
              series.values(),
              series.pointsPerYear(barsPerYear),
              series.barsPerPoint(),
              "offline:"
                  + wf.folds().getFirst().window().outOfSampleFrom()
                  + ":"
                  + series.barsPerPoint(),
              m.tradeCount(),
              m.profitFactor() == null ? 0 : m.profitFactor(),
              m.winRate(),
              wf.trials(),
              (double) profitable / wf.folds().size(),
              wf.efficiency()));
    }
    CycleScore score =
        new CycleScorer(settings.partitions(), 256, settings.sharpeVariance())
            .score(inputs, List.of(), TrialHistory.NONE, 0, settings.weights());
    List<PromotionPolicy.Candidate> ranking =
        score.ranking().stream()
            .map(
                r ->
                    new PromotionPolicy.Candidate(
                        r.strategyId(),
                        r.rank(),
                        r.score(),
                        r.statistics(),
                        keyOf.get(r.strategyId())))
            .toList();
    PromotionPolicy.Decision decision =
        new PromotionPolicy(settings.rules())
            .decide(ranking, score.overfitting(), score.correlations(), List.of());
    return new Outcome(score, decision, templateOf);
  }
}

package io.backtest.engine.selection;

import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.engine.metrics.ReturnStatistics;
import io.backtest.engine.statistics.Correlation;
import io.backtest.engine.statistics.DeflatedSharpeRatio;
import io.backtest.engine.statistics.MinimumBacktestLength;
import io.backtest.engine.statistics.ProbabilisticSharpeRatio;
import io.backtest.engine.statistics.ProbabilityOfBacktestOverfitting;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scores a cycle's candidates from their out-of-sample returns, all at once, because the honest
 * statistics depend on the whole selection: the deflated Sharpe ratio on how many trials there were
 * and how their Sharpe ratios vary, the probability of backtest overfitting on the whole matrix of
 * returns, correlation on the other candidates and the live set.
 *
 * <p><b>Trials and V[SR].</b> N is every parameter set the cycle's candidates tried (each
 * walk-forward analysis reports its trials) plus those tried before on the same instrument (the
 * trial ledger). V[SR], the variance of the trials' Sharpe ratios, is chosen by {@link
 * SharpeVariance}: by default the variance of the Sharpe estimator over T returns when the true
 * Sharpe ratio is 0, {@code 1 / (T − 1)} per period (Lo, "The Statistics of Sharpe Ratios",
 * Financial Analysts Journal 58(4), 2002; at SR = 0 skewness and kurtosis drop out), which is the
 * dispersion of N trials without skill — the null hypothesis the DSR tests. The cross-sectional
 * variance of the candidates' Sharpe ratios (this cycle's and the ledger's) is the alternative; it
 * is always reported ({@link CycleScore#trialSharpeVariance()}), but as V[SR] it punishes a real
 * edge: when candidates truly differ (slow crossovers earn a trend, fast ones whipsaw) their
 * dispersion is signal, not luck, and SR₀ rises with it.
 *
 * <p><b>Composite score.</b> The weighted mean of four components in [0, 1] (weights per cycle,
 * {@link ScoringWeights}): the deflated Sharpe ratio; {@code clamp(sharpe / 3, 0, 1)}; the fold
 * consistency (left out, with its weight, without walk-forward); {@code clamp(1 − maxDrawdown /
 * 0.5, 0, 1)}. A candidate without a trade scores 0. Rounded half up to 4 decimals; ties ranked by
 * strategy id text.
 */
public final class CycleScorer {

  /** Annualised Sharpe ratio that earns the whole Sharpe component. */
  public static final double SHARPE_FOR_FULL_COMPONENT = 3.0;

  /** Maximum drawdown at which the drawdown component reaches 0. */
  public static final double DRAWDOWN_FOR_ZERO_COMPONENT = 0.5;

  /** Decimals of a score. */
  public static final int DECIMALS = 4;

  /** Best first; ties by the strategy id's text (PostgreSQL's uuid order). */
  public static final Comparator<RankedStrategy> ORDER =
      Comparator.comparingDouble(RankedStrategy::score)
          .reversed()
          .thenComparing(r -> r.strategyId().toString());

  /** Which V[SR] the deflated Sharpe ratio uses. */
  public enum SharpeVariance {
    /** {@code 1 / (T − 1)} per period: the Sharpe estimator's variance when the true SR is 0. */
    NULL_HYPOTHESIS,
    /** The sample variance of the candidates' Sharpe ratios, this cycle's and the ledger's. */
    CROSS_SECTIONAL,
    /** The larger of the two. */
    LARGER
  }

  private final int partitions;
  private final int maxCorrelated;
  private final SharpeVariance sharpeVariance;

  /**
   * @param partitions S of the CSCV, even
   * @param maxCorrelated how many of the best candidates get correlations with each other
   */
  public CycleScorer(int partitions, int maxCorrelated) {
    this(partitions, maxCorrelated, SharpeVariance.NULL_HYPOTHESIS);
  }

  /**
   * @param partitions S of the CSCV, even
   * @param maxCorrelated how many of the best candidates get correlations with each other
   * @param sharpeVariance the V[SR] of the deflated Sharpe ratio
   */
  public CycleScorer(int partitions, int maxCorrelated, SharpeVariance sharpeVariance) {
    if (partitions < 2
        || partitions % 2 != 0
        || partitions > ProbabilityOfBacktestOverfitting.MAX_PARTITIONS) {
      throw new IllegalArgumentException(
          "partitions must be even and in [2, "
              + ProbabilityOfBacktestOverfitting.MAX_PARTITIONS
              + "] but was "
              + partitions);
    }
    if (maxCorrelated < 1) {
      throw new IllegalArgumentException("maxCorrelated must be >= 1 but was " + maxCorrelated);
    }
    this.partitions = partitions;
    this.maxCorrelated = maxCorrelated;
    this.sharpeVariance = java.util.Objects.requireNonNull(sharpeVariance, "sharpeVariance");
  }

  /**
   * Scores a cycle.
   *
   * @param candidates the scored results
   * @param live the live strategies' returns, for correlation
   * @param earlier the ledger's trials on this instrument before this cycle
   * @param uncountedTrials trials of this cycle not in {@code candidates} (failed or lost results)
   * @param weights composite score weights
   */
  public CycleScore score(
      List<ScoringInput> candidates,
      List<LiveReturns> live,
      TrialHistory earlier,
      long uncountedTrials,
      ScoringWeights weights) {
    long cycleTrials = uncountedTrials;
    double sum = 0;
    double squares = 0;
    for (ScoringInput c : candidates) {
      cycleTrials += c.trials();
      double annualSharpe = ReturnStatistics.sharpeRatio(c.returns(), c.pointsPerYear());
      sum += annualSharpe;
      squares += annualSharpe * annualSharpe;
    }
    TrialHistory contribution = new TrialHistory(cycleTrials, candidates.size(), sum, squares);
    TrialHistory all = earlier.plus(contribution);
    long trials = Math.max(1, all.trials());
    double variance = all.sharpeVariance();

    List<RankedStrategy> ranked = new ArrayList<>(candidates.size());
    for (ScoringInput c : candidates) {
      CandidateStatistics s = statistics(c, trials, annualVariance(c, variance));
      ranked.add(new RankedStrategy(1, c.strategyId(), score(s, weights), s));
    }
    ranked.sort(ORDER);
    List<RankedStrategy> ranking = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      RankedStrategy r = ranked.get(i);
      ranking.add(new RankedStrategy(i + 1, r.strategyId(), r.score(), r.statistics()));
    }
    Map<UUID, ScoringInput> byId = new HashMap<>();
    candidates.forEach(c -> byId.put(c.strategyId(), c));
    return new CycleScore(
        ranking,
        trials,
        cycleTrials,
        variance,
        overfitting(candidates),
        correlations(ranking, byId, live),
        contribution);
  }

  /** V[SR] of one candidate's DSR, annualised. */
  private double annualVariance(ScoringInput c, double crossSectional) {
    int t = c.returns().length;
    double nullHypothesis = t < 2 ? 0 : c.pointsPerYear() / (t - 1);
    return switch (sharpeVariance) {
      case NULL_HYPOTHESIS -> nullHypothesis;
      case CROSS_SECTIONAL -> crossSectional;
      case LARGER -> Math.max(nullHypothesis, crossSectional);
    };
  }

  /** Every statistic of one candidate. */
  static CandidateStatistics statistics(ScoringInput c, long trials, double annualVariance) {
    double[] r = c.returns();
    int t = r.length;
    double ppy = c.pointsPerYear();
    double mean = ReturnStatistics.mean(r);
    double stdev = ReturnStatistics.sampleStandardDeviation(r);
    double periodSharpe = stdev > 0 ? mean / stdev : 0;
    double sharpe = periodSharpe * Math.sqrt(ppy);
    double[] equity = new double[t + 1];
    equity[0] = 1;
    for (int i = 0; i < t; i++) {
      equity[i + 1] = equity[i] * (1 + r[i]);
    }
    double totalReturn = equity[t] - 1;
    double years = t / ppy;
    double annualReturn = years <= 0 ? 0 : equity[t] <= 0 ? -1 : Math.pow(equity[t], 1 / years) - 1;
    double maxDrawdown = ReturnStatistics.maxDrawdown(equity);
    double skewness = finiteOr(ReturnStatistics.skewness(r), 0);
    double kurtosis = finiteOr(ReturnStatistics.kurtosis(r), 3);
    double psr = t < 2 ? 0 : ProbabilisticSharpeRatio.of(periodSharpe, 0, t, skewness, kurtosis);
    double dsr =
        t < 2
            ? 0
            : DeflatedSharpeRatio.of(
                periodSharpe, t, skewness, kurtosis, annualVariance / ppy, trials);
    double minBtl = MinimumBacktestLength.years(trials, sharpe);
    return new CandidateStatistics(
        t,
        ppy,
        years,
        totalReturn,
        finiteOr(annualReturn, 0),
        stdev * Math.sqrt(ppy),
        sharpe,
        ReturnStatistics.sortinoRatio(r, ppy),
        maxDrawdown > 0 ? finiteOr(annualReturn, 0) / maxDrawdown : 0,
        maxDrawdown,
        finiteOr(c.profitFactor(), 0),
        finiteOr(c.winRate(), 0),
        c.tradeCount(),
        c.foldConsistency(),
        periodSharpe * Math.sqrt(t),
        c.efficiency(),
        skewness,
        kurtosis,
        mean,
        stdev,
        psr,
        dsr,
        DeflatedSharpeRatio.expectedMaximumSharpe(annualVariance, trials),
        trials,
        Double.isFinite(minBtl) ? minBtl : Double.MAX_VALUE);
  }

  /** The composite score (see the class comment). */
  public static double score(CandidateStatistics s, ScoringWeights w) {
    if (s.tradeCount() == 0) {
      return 0;
    }
    double total = w.deflatedSharpe() * s.deflatedSharpe();
    double weights = w.deflatedSharpe();
    total += w.sharpe() * Math.clamp(s.sharpe() / SHARPE_FOR_FULL_COMPONENT, 0.0, 1.0);
    weights += w.sharpe();
    if (s.foldConsistency() != null) {
      total += w.consistency() * Math.clamp(s.foldConsistency(), 0.0, 1.0);
      weights += w.consistency();
    }
    total += w.drawdown() * Math.clamp(1 - s.maxDrawdown() / DRAWDOWN_FOR_ZERO_COMPONENT, 0.0, 1.0);
    weights += w.drawdown();
    return weights > 0 ? round(total / weights) : 0;
  }

  /** Half up to {@value #DECIMALS} decimals on the shortest decimal form; never -0.0. */
  public static double round(double value) {
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue() + 0.0;
  }

  /**
   * CSCV over the candidates that share the most common alignment (the others cannot form rows of
   * one matrix); null when fewer than two rows per block remain.
   */
  private OverfittingDiagnostics overfitting(List<ScoringInput> candidates) {
    Map<String, List<ScoringInput>> groups = new HashMap<>();
    for (ScoringInput c : candidates) {
      groups
          .computeIfAbsent(c.alignment() + "#" + c.returns().length, k -> new ArrayList<>())
          .add(c);
    }
    List<ScoringInput> largest =
        groups.values().stream().max(Comparator.comparingInt(List::size)).orElse(List.of());
    if (largest.isEmpty()
        || !ProbabilityOfBacktestOverfitting.applicable(
            largest.getFirst().returns().length, partitions)) {
      return null;
    }
    double[][] columns = largest.stream().map(ScoringInput::returns).toArray(double[][]::new);
    ProbabilityOfBacktestOverfitting.Result cscv =
        ProbabilityOfBacktestOverfitting.evaluate(columns, partitions);
    return new OverfittingDiagnostics(
        cscv.candidates(),
        cscv.points(),
        cscv.partitions(),
        cscv.splits(),
        Double.isNaN(cscv.pbo()) ? null : cscv.pbo(),
        cscv.probabilityOfOosLoss(),
        cscv.degradationSlope(),
        cscv.degradationIntercept());
  }

  private Correlations correlations(
      List<RankedStrategy> ranking, Map<UUID, ScoringInput> byId, List<LiveReturns> live) {
    if (ranking.isEmpty()) {
      return null;
    }
    List<ScoringInput> best =
        ranking.stream().limit(maxCorrelated).map(r -> byId.get(r.strategyId())).toList();
    int n = best.size();
    int m = live.size();
    double[][] among = new double[n][n];
    double[][] withLive = new double[n][m];
    for (int i = 0; i < n; i++) {
      ScoringInput a = best.get(i);
      for (int j = i + 1; j < n; j++) {
        ScoringInput b = best.get(j);
        among[i][j] = correlation(a.returns(), a.alignment(), b.returns(), b.alignment());
      }
      for (int j = 0; j < m; j++) {
        LiveReturns l = live.get(j);
        withLive[i][j] = correlation(a.returns(), a.alignment(), l.returns(), l.alignment());
      }
    }
    return Correlations.of(
        best.stream().map(ScoringInput::strategyId).toList(),
        live.stream().map(LiveReturns::strategyId).toList(),
        among,
        withLive);
  }

  /** Pearson over the same points; NaN when the series are not comparable. */
  static double correlation(double[] a, String alignA, double[] b, String alignB) {
    if (!alignA.equals(alignB) || a.length != b.length || a.length < 2) {
      return Double.NaN;
    }
    return Correlation.pearson(a, b);
  }

  private static double finiteOr(double value, double fallback) {
    return Double.isFinite(value) ? value : fallback;
  }
}

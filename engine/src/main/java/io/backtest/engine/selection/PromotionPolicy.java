package io.backtest.engine.selection;

import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.GateCheck;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RegimePerformance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The promotion gate: which of a cycle's ranked candidates go live, and which live strategies they
 * replace. Pure: it decides from its inputs and changes nothing.
 *
 * <p>The ranking is walked best first. A candidate must pass every gate ({@link PromotionRules}):
 * deflated Sharpe ratio, the cycle's CSCV probability of out-of-sample loss, maximum drawdown,
 * trade count, t-statistic and minimum backtest length. It must not be live already (same key), and
 * its |correlation| with every strategy of the live set as it stands (including those this cycle
 * took) must be below the threshold: a greedy, correlation-aware selection. Then it is promoted
 * while the live set has room and the cycle has promoted fewer than {@code maxPerCycle}; when the
 * live set is full it replaces the weakest live strategy (lowest score; the earliest promoted among
 * equals) only if its score beats that one's by more than the replacement margin, so that the live
 * set does not churn; otherwise the walk stops, since no later candidate scores higher. The live
 * set never holds more than {@code cap} strategies, not even between two steps.
 *
 * <p>With {@link PromotionRules#requireRegimeFit()} a candidate must also not be losing in the
 * market's current regime ({@link #regimeFitCheck}): for every detector whose current regime is
 * known and in which the candidate has at least {@link PromotionRules#minRegimePoints()}
 * out-of-sample points, its mean return there must not be negative.
 *
 * <p>PBO and the degradation slope are not gates: when every candidate shares one real edge their
 * ranking is noise and PBO stays near 0.5 although promoting any of them is sound.
 */
public final class PromotionPolicy {
  private final PromotionRules rules;

  public PromotionPolicy(PromotionRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public PromotionRules rules() {
    return rules;
  }

  /**
   * Decides on a cycle without knowing the market's current regimes (the regime-fit gate, if on,
   * passes every candidate and says so).
   *
   * @see #decide(List, OverfittingDiagnostics, Correlations, List, Map)
   */
  public Decision decide(
      List<Candidate> ranking,
      OverfittingDiagnostics overfitting,
      Correlations correlations,
      List<LiveStrategy> live) {
    return decide(ranking, overfitting, correlations, live, Map.of());
  }

  /**
   * Decides on a cycle.
   *
   * @param ranking the cycle's ranked candidates (any order; walked by rank)
   * @param overfitting the cycle's CSCV diagnostics; null when they could not be computed (then no
   *     candidate passes the out-of-sample-loss gate)
   * @param correlations the cycle's correlations; null when there are none
   * @param live the live set before this cycle's decisions
   * @param currentRegimes the market's current regime by detector (e.g. {@code volatility → HIGH},
   *     the latest {@code market.regime.changed} of the cycle's symbol and timeframe); empty when
   *     unknown. Read only by the regime-fit gate.
   * @throws IllegalArgumentException if the live set already exceeds the cap
   */
  public Decision decide(
      List<Candidate> ranking,
      OverfittingDiagnostics overfitting,
      Correlations correlations,
      List<LiveStrategy> live,
      Map<String, String> currentRegimes) {
    Objects.requireNonNull(currentRegimes, "currentRegimes");
    if (live.size() > rules.cap()) {
      throw new IllegalArgumentException(
          "the live set holds " + live.size() + " strategies, more than the cap " + rules.cap());
    }
    List<Candidate> walk =
        ranking.stream().sorted(Comparator.comparingInt(Candidate::rank)).toList();
    CorrelationLookup lookup = new CorrelationLookup(correlations);
    List<LiveStrategy> liveSet = new ArrayList<>(live);
    List<Verdict> verdicts = new ArrayList<>();
    int promoted = 0;
    Candidate stoppedAt = null;
    for (Candidate candidate : walk) {
      List<GateCheck> gates = gates(candidate.statistics(), overfitting);
      if (rules.requireRegimeFit()) {
        gates.add(regimeFitCheck(candidate.regimes(), currentRegimes));
      }
      List<String> failed = gates.stream().filter(g -> !g.passed()).map(GateCheck::reason).toList();
      if (!failed.isEmpty()) {
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.REJECTED_BY_GATES,
                "rejected: " + String.join("; ", failed),
                gates));
        continue;
      }
      LiveStrategy twin =
          liveSet.stream().filter(l -> l.key().equals(candidate.key())).findFirst().orElse(null);
      if (twin != null) {
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.ALREADY_LIVE,
                "not promoted: the same strategy is already live as " + twin.strategyId(),
                gates));
        continue;
      }
      if (promoted >= rules.maxPerCycle()) {
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.CYCLE_LIMIT_REACHED,
                String.format(
                    Locale.ROOT,
                    "not promoted: passed every gate with score %.4f, but this cycle already"
                        + " promoted %d, its maximum",
                    candidate.score(),
                    promoted),
                gates));
        continue;
      }
      if (stoppedAt != null) {
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.NOT_BETTER_THAN_WEAKEST,
                String.format(
                    Locale.ROOT,
                    "not promoted: live set full (%d of %d) and rank %d, better than this one,"
                        + " did not beat the weakest live strategy by the margin %.4f",
                    liveSet.size(),
                    rules.cap(),
                    stoppedAt.rank(),
                    rules.replacementMargin()),
                gates));
        continue;
      }
      LiveStrategy weakest = liveSet.size() < rules.cap() ? null : weakest(liveSet);
      Correlated correlated = lookup.strongest(candidate.strategyId(), liveSet, weakest);
      gates = new ArrayList<>(gates);
      gates.add(correlationCheck(correlated));
      if (correlated.known() && !(Math.abs(correlated.value()) < rules.maxCorrelation())) {
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.CORRELATED,
                String.format(
                    Locale.ROOT,
                    "not promoted: |correlation| %.2f with %s %s >= %.2f",
                    Math.abs(correlated.value()),
                    correlated.taken() ? "candidate" : "live strategy",
                    correlated.with(),
                    rules.maxCorrelation()),
                gates));
        continue;
      }
      if (!lookup.covers(candidate.strategyId())) {
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.CORRELATION_UNKNOWN,
                "not promoted: rank "
                    + candidate.rank()
                    + " is beyond the candidates scoring correlated, so its correlation with"
                    + " the live set is unknown",
                gates));
        continue;
      }
      if (weakest == null) {
        liveSet.add(candidate.asLive());
        promoted++;
        verdicts.add(
            Verdict.promoted(
                candidate,
                promotionReason(walk.size(), candidate, gates, null, liveSet.size()),
                gates,
                liveSet.size(),
                null));
        continue;
      }
      if (candidate.score() > weakest.score() + rules.replacementMargin()) {
        liveSet.remove(weakest);
        Demotion demotion =
            new Demotion(
                weakest,
                candidate.strategyId(),
                String.format(
                    Locale.ROOT,
                    "replaced: live set full (%d of %d) and %s scores %.4f > %.4f + margin %.4f",
                    rules.cap(),
                    rules.cap(),
                    candidate.strategyId(),
                    candidate.score(),
                    weakest.score(),
                    rules.replacementMargin()),
                liveSet.size());
        liveSet.add(candidate.asLive());
        promoted++;
        verdicts.add(
            Verdict.promoted(
                candidate,
                promotionReason(walk.size(), candidate, gates, weakest, liveSet.size()),
                gates,
                liveSet.size(),
                demotion));
      } else {
        stoppedAt = candidate;
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.NOT_BETTER_THAN_WEAKEST,
                String.format(
                    Locale.ROOT,
                    "not promoted: live set full (%d of %d) and score %.4f does not beat the"
                        + " weakest live strategy %s (%.4f) by more than %.4f",
                    liveSet.size(),
                    rules.cap(),
                    candidate.score(),
                    weakest.strategyId(),
                    weakest.score(),
                    rules.replacementMargin()),
                gates));
      }
    }
    return new Decision(rules, verdicts, liveSet.size());
  }

  /** The statistical gates, in order; each names its numbers. */
  public List<GateCheck> gates(CandidateStatistics s, OverfittingDiagnostics overfitting) {
    List<GateCheck> gates = new ArrayList<>();
    gates.add(
        check(
            "deflated-sharpe",
            s.deflatedSharpe(),
            rules.minDeflatedSharpe(),
            s.deflatedSharpe() >= rules.minDeflatedSharpe(),
            String.format(
                Locale.ROOT,
                "DSR %.2f %s %.2f (N = %,d trials)",
                s.deflatedSharpe(),
                s.deflatedSharpe() >= rules.minDeflatedSharpe() ? ">=" : "<",
                rules.minDeflatedSharpe(),
                s.trials())));
    if (overfitting == null) {
      gates.add(
          check(
              "oos-loss",
              1,
              rules.maxProbabilityOfOosLoss(),
              false,
              "P(OOS loss) unknown: the cycle's returns are too short for CSCV"));
    } else {
      double p = overfitting.probabilityOfOosLoss();
      boolean passed = p < rules.maxProbabilityOfOosLoss();
      gates.add(
          check(
              "oos-loss",
              p,
              rules.maxProbabilityOfOosLoss(),
              passed,
              String.format(
                  Locale.ROOT,
                  "cycle's P(OOS loss) %.2f %s %.2f (CSCV, %,d splits)",
                  p,
                  passed ? "<" : ">=",
                  rules.maxProbabilityOfOosLoss(),
                  overfitting.splits())));
    }
    boolean drawdown = s.maxDrawdown() <= rules.maxDrawdown();
    gates.add(
        check(
            "max-drawdown",
            s.maxDrawdown(),
            rules.maxDrawdown(),
            drawdown,
            String.format(
                Locale.ROOT,
                "max drawdown %s %s %s",
                percent(s.maxDrawdown()),
                drawdown ? "<=" : ">",
                percent(rules.maxDrawdown()))));
    boolean trades = s.tradeCount() >= rules.minTrades();
    gates.add(
        check(
            "min-trades",
            s.tradeCount(),
            rules.minTrades(),
            trades,
            String.format(
                Locale.ROOT,
                "%,d %s %s %,d",
                s.tradeCount(),
                s.tradeCount() == 1 ? "trade" : "trades",
                trades ? ">=" : "<",
                rules.minTrades())));
    boolean t = s.tStatistic() >= rules.minTStatistic();
    gates.add(
        check(
            "t-statistic",
            s.tStatistic(),
            rules.minTStatistic(),
            t,
            String.format(
                Locale.ROOT,
                "OOS t-statistic %.2f %s %.2f",
                s.tStatistic(),
                t ? ">=" : "<",
                rules.minTStatistic())));
    if (rules.requireMinBacktestLength()) {
      boolean longEnough = s.backtestYears() >= s.minBacktestYears();
      gates.add(
          check(
              "min-backtest-length",
              s.backtestYears(),
              s.minBacktestYears(),
              longEnough,
              String.format(
                  Locale.ROOT,
                  "%.1f years of OOS data %s MinBTL %s for %,d trials",
                  s.backtestYears(),
                  longEnough ? ">=" : "<",
                  s.minBacktestYears() >= Double.MAX_VALUE
                      ? "infinite (Sharpe <= 0)"
                      : String.format(Locale.ROOT, "%.1f years", s.minBacktestYears()),
                  s.trials())));
    }
    return gates;
  }

  /**
   * The regime-fit gate ({@code regime-fit}): for each detector whose current regime is known (in
   * name order), the candidate's out-of-sample record in that regime; it fails when a record of at
   * least {@link PromotionRules#minRegimePoints()} points has a negative mean return. The value is
   * the lowest mean return per point among the records judged (0 when none was), the threshold 0;
   * an unknown current regime or too few points pass and say why.
   *
   * @param regimes the candidate's out-of-sample record per regime
   * @param currentRegimes the market's current regime by detector; empty when unknown
   */
  public GateCheck regimeFitCheck(
      List<RegimePerformance> regimes, Map<String, String> currentRegimes) {
    Objects.requireNonNull(regimes, "regimes");
    Objects.requireNonNull(currentRegimes, "currentRegimes");
    if (currentRegimes.isEmpty()) {
      return new GateCheck(
          "regime-fit", 0, 0, true, "current market regime unknown: regime fit not checked");
    }
    List<String> reasons = new ArrayList<>();
    boolean passed = true;
    double worst = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, String> current : new TreeMap<>(currentRegimes).entrySet()) {
      String detector = current.getKey();
      String regime = current.getValue();
      RegimePerformance record =
          regimes.stream()
              .filter(r -> r.detector().equals(detector) && r.regime().equals(regime))
              .findFirst()
              .orElse(null);
      int points = record == null ? 0 : record.points();
      if (points < rules.minRegimePoints()) {
        reasons.add(
            String.format(
                Locale.ROOT,
                "%d out-of-sample %s in the current %s regime %s, fewer than %d: not judged",
                points,
                points == 1 ? "point" : "points",
                detector,
                regime,
                rules.minRegimePoints()));
        continue;
      }
      double mean = record.meanReturn();
      worst = Math.min(worst, mean);
      if (mean < 0) {
        passed = false;
        reasons.add(
            String.format(
                Locale.ROOT,
                "losing in the current %s regime %s: mean %s over %,d points",
                detector,
                regime,
                signedPercent(mean),
                points));
      } else {
        reasons.add(
            String.format(
                Locale.ROOT,
                "not losing in the current %s regime %s: mean %s over %,d points",
                detector,
                regime,
                signedPercent(mean),
                points));
      }
    }
    return new GateCheck(
        "regime-fit", Double.isInfinite(worst) ? 0 : worst, 0, passed, String.join("; ", reasons));
  }

  /** A return per point in percent, {@code -0.04%}; four decimals below 0.01 %. */
  private static String signedPercent(double fraction) {
    double percent = fraction * 100;
    String format = Math.abs(percent) < 0.01 && percent != 0 ? "%+.4f%%" : "%+.2f%%";
    return String.format(Locale.ROOT, format, percent).replace("+", percent > 0 ? "+" : "");
  }

  private GateCheck correlationCheck(Correlated c) {
    if (!c.known()) {
      return new GateCheck(
          "correlation",
          0,
          rules.maxCorrelation(),
          true,
          "no comparable live strategy or earlier pick to correlate with");
    }
    double abs = Math.abs(c.value());
    boolean passed = abs < rules.maxCorrelation();
    return new GateCheck(
        "correlation",
        abs,
        rules.maxCorrelation(),
        passed,
        String.format(
            Locale.ROOT,
            "max |correlation| %.2f (with %s) %s %.2f",
            abs,
            c.with(),
            passed ? "<" : ">=",
            rules.maxCorrelation()));
  }

  private static GateCheck check(
      String gate, double value, double threshold, boolean passed, String reason) {
    return new GateCheck(gate, value, threshold, passed, reason);
  }

  private String promotionReason(
      int ranked, Candidate c, List<GateCheck> gates, LiveStrategy replaced, int liveCountAfter) {
    StringBuilder reason =
        new StringBuilder(
            String.format(
                Locale.ROOT, "promoted: rank %d of %d, score %.4f; ", c.rank(), ranked, c.score()));
    reason.append(String.join(", ", gates.stream().map(GateCheck::reason).toList()));
    if (replaced != null) {
      reason.append(
          String.format(
              Locale.ROOT,
              "; replaced the weakest live strategy %s (score %.4f)",
              replaced.strategyId(),
              replaced.score()));
    }
    reason.append(String.format(Locale.ROOT, "; live %d of %d", liveCountAfter, rules.cap()));
    return reason.toString();
  }

  private static LiveStrategy weakest(List<LiveStrategy> live) {
    return live.stream()
        .min(
            Comparator.comparingDouble(LiveStrategy::score)
                .thenComparing(
                    LiveStrategy::promotedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(LiveStrategy::strategyId))
        .orElseThrow();
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  /** The strongest correlation found; {@code known} false when nothing was comparable. */
  private record Correlated(boolean known, double value, UUID with, boolean taken) {}

  /** Reads a cycle's correlations by strategy id. */
  private static final class CorrelationLookup {
    private final Map<UUID, Integer> candidateIndex = new HashMap<>();
    private final Map<UUID, Integer> liveIndex = new HashMap<>();
    private final double[][] among;
    private final double[][] withLive;
    private final boolean none;

    CorrelationLookup(Correlations correlations) {
      none = correlations == null;
      if (none) {
        among = new double[0][0];
        withLive = new double[0][0];
        return;
      }
      for (int i = 0; i < correlations.candidates().size(); i++) {
        candidateIndex.put(correlations.candidates().get(i), i);
      }
      for (int i = 0; i < correlations.live().size(); i++) {
        liveIndex.put(correlations.live().get(i), i);
      }
      among = correlations.amongCandidatesMatrix();
      withLive = correlations.withLiveMatrix();
    }

    /** Whether the candidate's correlations are known; all are when the cycle has none at all. */
    boolean covers(UUID candidate) {
      return none || candidateIndex.containsKey(candidate);
    }

    /**
     * The largest |correlation| of {@code candidate} with the live set, leaving out {@code leaving}
     * (the strategy it would replace).
     */
    Correlated strongest(UUID candidate, List<LiveStrategy> liveSet, LiveStrategy leaving) {
      Integer row = candidateIndex.get(candidate);
      Correlated strongest = new Correlated(false, 0, null, false);
      if (row == null) {
        return strongest;
      }
      for (LiveStrategy l : liveSet) {
        if (l == leaving) {
          continue;
        }
        double value = Double.NaN;
        boolean taken = false;
        Integer other = candidateIndex.get(l.strategyId());
        if (l.promotedAt() == null && other != null) {
          value = among[row][other];
          taken = true;
        } else if (liveIndex.containsKey(l.strategyId())) {
          value = withLive[row][liveIndex.get(l.strategyId())];
        }
        if (!Double.isNaN(value)
            && (!strongest.known() || Math.abs(value) > Math.abs(strongest.value()))) {
          strongest = new Correlated(true, value, l.strategyId(), taken);
        }
      }
      return strongest;
    }
  }

  /**
   * A ranked candidate with what the gates read.
   *
   * @param strategyId the candidate
   * @param rank its rank, 1 for the best
   * @param score composite score
   * @param statistics its statistics
   * @param key what it trades (template, parameters, dataset): the live set never holds one twice
   * @param regimes its out-of-sample record per regime ({@code RankedStrategy.regimes}); empty when
   *     unknown
   */
  public record Candidate(
      UUID strategyId,
      int rank,
      double score,
      CandidateStatistics statistics,
      String key,
      List<RegimePerformance> regimes) {
    public Candidate {
      Objects.requireNonNull(strategyId, "strategyId");
      Objects.requireNonNull(statistics, "statistics");
      Objects.requireNonNull(key, "key");
      regimes = List.copyOf(Objects.requireNonNull(regimes, "regimes"));
    }

    /** A candidate whose record per regime is unknown. */
    public Candidate(
        UUID strategyId, int rank, double score, CandidateStatistics statistics, String key) {
      this(strategyId, rank, score, statistics, key, List.of());
    }

    LiveStrategy asLive() {
      // promoted "now": later than every strategy already live, so ties among the weakest demote
      // the earlier promoted
      return new LiveStrategy(strategyId, score, null, key);
    }
  }

  /**
   * A strategy of the live set.
   *
   * @param strategyId the strategy
   * @param score its score when promoted
   * @param promotedAt when it was promoted; null for one promoted by the decision under way
   * @param key what it trades
   */
  public record LiveStrategy(UUID strategyId, double score, Instant promotedAt, String key) {
    public LiveStrategy {
      Objects.requireNonNull(strategyId, "strategyId");
      Objects.requireNonNull(key, "key");
    }
  }

  /** What became of a candidate. */
  public enum Outcome {
    PROMOTED("promoted"),
    REJECTED_BY_GATES("rejected by the gates"),
    ALREADY_LIVE("already live"),
    CORRELATED("too correlated with the live set"),
    CORRELATION_UNKNOWN("without known correlation"),
    CYCLE_LIMIT_REACHED("over the per-cycle limit"),
    NOT_BETTER_THAN_WEAKEST("not better than the weakest live strategy by the margin");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    /** How the summary counts this outcome: {@code 3 rejected by the gates}. */
    public String label() {
      return label;
    }
  }

  /**
   * The live strategy a promotion replaces.
   *
   * @param strategy the demoted strategy
   * @param replacedBy the promoted candidate
   * @param reason a sentence naming the scores
   * @param liveCountAfter the live count right after the demotion (before the promotion)
   */
  public record Demotion(
      LiveStrategy strategy, UUID replacedBy, String reason, int liveCountAfter) {}

  /**
   * The decision on one candidate.
   *
   * @param candidate the candidate
   * @param outcome promoted, or why not
   * @param reason the decision in a sentence
   * @param gates the gates applied
   * @param liveCountAfter the live count after its promotion; 0 when not promoted
   * @param replaced the demotion that made room for it; null if none
   */
  public record Verdict(
      Candidate candidate,
      Outcome outcome,
      String reason,
      List<GateCheck> gates,
      int liveCountAfter,
      Demotion replaced) {
    public Verdict {
      gates = List.copyOf(gates);
    }

    static Verdict promoted(
        Candidate candidate,
        String reason,
        List<GateCheck> gates,
        int liveCountAfter,
        Demotion replaced) {
      return new Verdict(candidate, Outcome.PROMOTED, reason, gates, liveCountAfter, replaced);
    }

    static Verdict rejected(
        Candidate candidate, Outcome outcome, String reason, List<GateCheck> gates) {
      return new Verdict(candidate, outcome, reason, gates, 0, null);
    }

    public boolean isPromoted() {
      return outcome == Outcome.PROMOTED;
    }

    /** As the event reports it. */
    public CandidateVerdict toEvent() {
      return new CandidateVerdict(
          candidate.strategyId(), candidate.rank(), outcome.name(), reason, gates);
    }
  }

  /**
   * The decisions on a ranking, best first.
   *
   * @param rules the thresholds applied
   * @param verdicts one per ranked candidate, in rank order
   * @param liveCount live strategies after every decision
   */
  public record Decision(PromotionRules rules, List<Verdict> verdicts, int liveCount) {
    public Decision {
      verdicts = List.copyOf(verdicts);
    }

    /** The promoted candidates' verdicts, in order. */
    public List<Verdict> promotions() {
      return verdicts.stream().filter(Verdict::isPromoted).toList();
    }

    /** The live strategies demoted to make room, in order. */
    public List<Demotion> demotions() {
      return verdicts.stream().map(Verdict::replaced).filter(Objects::nonNull).toList();
    }

    /**
     * The decision in a sentence, e.g. {@code promoted 2 of 200 candidates (190 rejected by the
     * gates, 8 too correlated with the live set); live 12 of 35}.
     *
     * @param candidates candidates of the cycle
     * @param failedBacktests backtests of the cycle that failed (not ranked)
     */
    public String summary(int candidates, int failedBacktests) {
      Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
      verdicts.forEach(v -> counts.merge(v.outcome(), 1, Integer::sum));
      List<String> details = new ArrayList<>();
      for (Outcome outcome : Outcome.values()) {
        int n = counts.getOrDefault(outcome, 0);
        if (outcome != Outcome.PROMOTED && n > 0) {
          details.add(n + " " + outcome.label());
        }
      }
      if (failedBacktests > 0) {
        details.add(
            failedBacktests + (failedBacktests == 1 ? " backtest" : " backtests") + " failed");
      }
      int unranked = candidates - verdicts.size() - failedBacktests;
      if (unranked > 0) {
        details.add(unranked + " not ranked");
      }
      int promoted = counts.getOrDefault(Outcome.PROMOTED, 0);
      int demoted = demotions().size();
      StringBuilder s =
          new StringBuilder("promoted " + promoted + " of " + candidates + " candidates");
      if (demoted > 0) {
        s.append(", replacing ")
            .append(demoted)
            .append(demoted == 1 ? " weaker live strategy" : " weaker live strategies");
      }
      if (!details.isEmpty()) {
        s.append(" (").append(String.join(", ", details)).append(')');
      }
      s.append("; live ").append(liveCount).append(" of ").append(rules.cap());
      return s.toString();
    }
  }
}

package io.backtest.strategy.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The promotion gate: which of a cycle's ranked candidates go live, and which live strategies they
 * replace. Pure: it decides from its inputs and changes nothing.
 *
 * <p>The ranking is walked best first. A candidate passes when its score is at least {@code
 * minScore}, its backtest's maximum drawdown at most {@code maxDrawdown}, its trade count at least
 * {@code minTrades}, and no live strategy has its {@link StrategyKey}. A passing candidate is
 * promoted while the live set has room and the cycle has promoted fewer than {@code maxPerCycle};
 * when the live set is full it replaces the weakest live strategy (lowest score; the earliest
 * promoted among equals) only if its score is strictly higher, and otherwise the walk stops: the
 * ranking is best first, so no later candidate would do better. The live set never holds more than
 * {@code cap} strategies, not even between two steps.
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
   * Decides on {@code ranking} given the current live set.
   *
   * @param ranking the cycle's ranked candidates (any order; walked by rank)
   * @param live the live set before this cycle's decisions
   * @throws IllegalArgumentException if the live set already exceeds the cap
   */
  public Decision decide(List<Candidate> ranking, List<LiveStrategy> live) {
    if (live.size() > rules.cap()) {
      throw new IllegalArgumentException(
          "the live set holds " + live.size() + " strategies, more than the cap " + rules.cap());
    }
    List<Candidate> walk =
        ranking.stream().sorted(Comparator.comparingInt(Candidate::rank)).toList();
    List<LiveStrategy> liveSet = new ArrayList<>(live);
    List<Verdict> verdicts = new ArrayList<>();
    int promoted = 0;
    Candidate stoppedAt = null;
    for (Candidate candidate : walk) {
      String ranked = "rank " + candidate.rank() + " of " + walk.size();
      List<String> gates = failedGates(candidate);
      if (!gates.isEmpty()) {
        verdicts.add(
            Verdict.rejected(candidate, firstFailure(candidate), String.join("; ", gates)));
        continue;
      }
      LiveStrategy twin =
          liveSet.stream().filter(l -> l.key().equals(candidate.key())).findFirst().orElse(null);
      if (twin != null) {
        verdicts.add(
            Verdict.rejected(
                candidate, Outcome.ALREADY_LIVE, "already live as " + twin.strategyId()));
        continue;
      }
      if (promoted >= rules.maxPerCycle()) {
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.CYCLE_LIMIT_REACHED,
                String.format(
                    Locale.ROOT,
                    "passed the gates with score %.2f but this cycle already promoted %d, the"
                        + " maximum per cycle",
                    candidate.score(),
                    promoted)));
        continue;
      }
      if (stoppedAt != null) {
        verdicts.add(
            Verdict.rejected(
                candidate,
                Outcome.NOT_BETTER_THAN_WEAKEST,
                String.format(
                    Locale.ROOT,
                    "live set full (%d of %d); the walk stopped at rank %d, which did not beat"
                        + " the weakest live strategy",
                    liveSet.size(),
                    rules.cap(),
                    stoppedAt.rank())));
        continue;
      }
      if (liveSet.size() < rules.cap()) {
        liveSet.add(candidate.asLive());
        promoted++;
        verdicts.add(
            Verdict.promoted(
                candidate,
                promotionReason(ranked, candidate, null, liveSet.size()),
                liveSet.size(),
                null));
        continue;
      }
      LiveStrategy weakest = weakest(liveSet);
      if (candidate.score() > weakest.score()) {
        liveSet.remove(weakest);
        Demotion demotion =
            new Demotion(
                weakest,
                candidate.strategyId(),
                String.format(
                    Locale.ROOT,
                    "replaced by %s (score %.2f > %.2f)",
                    candidate.strategyId(),
                    candidate.score(),
                    weakest.score()),
                liveSet.size());
        liveSet.add(candidate.asLive());
        promoted++;
        verdicts.add(
            Verdict.promoted(
                candidate,
                promotionReason(ranked, candidate, weakest, liveSet.size()),
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
                    "live set full (%d of %d) and score %.2f does not beat the weakest live"
                        + " strategy %s (score %.2f)",
                    liveSet.size(),
                    rules.cap(),
                    candidate.score(),
                    weakest.strategyId(),
                    weakest.score())));
      }
    }
    return new Decision(rules, verdicts, liveSet.size());
  }

  private List<String> failedGates(Candidate c) {
    List<String> failures = new ArrayList<>();
    if (!(c.score() >= rules.minScore())) {
      failures.add(String.format(Locale.ROOT, "score %.2f < %.2f", c.score(), rules.minScore()));
    }
    if (!(c.maxDrawdown() <= rules.maxDrawdown())) {
      failures.add(
          String.format(
              Locale.ROOT,
              "max drawdown %s > %s",
              percent(c.maxDrawdown()),
              percent(rules.maxDrawdown())));
    }
    if (c.tradeCount() < rules.minTrades()) {
      failures.add(
          String.format(
              Locale.ROOT, "%s < %d required", trades(c.tradeCount()), rules.minTrades()));
    }
    return failures;
  }

  /** The category of the first gate a candidate fails, in the order score, drawdown, trades. */
  private Outcome firstFailure(Candidate c) {
    if (!(c.score() >= rules.minScore())) {
      return Outcome.BELOW_MIN_SCORE;
    }
    if (!(c.maxDrawdown() <= rules.maxDrawdown())) {
      return Outcome.DRAWDOWN_TOO_DEEP;
    }
    return Outcome.TOO_FEW_TRADES;
  }

  private String promotionReason(
      String ranked, Candidate c, LiveStrategy replaced, int liveCountAfter) {
    StringBuilder reason =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: score %.2f >= %.2f, Sharpe %.2f, max drawdown %s <= %s, %s",
                ranked,
                c.score(),
                rules.minScore(),
                c.sharpe(),
                percent(c.maxDrawdown()),
                percent(rules.maxDrawdown()),
                trades(c.tradeCount())));
    if (replaced != null) {
      reason.append(
          String.format(
              Locale.ROOT, "; replaced %s (score %.2f)", replaced.strategyId(), replaced.score()));
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

  static String trades(int count) {
    return count + (count == 1 ? " trade" : " trades");
  }

  /**
   * A ranked candidate with what the gates read.
   *
   * @param strategyId the candidate
   * @param rank its rank, 1 for the best
   * @param score composite score
   * @param sharpe its backtest's Sharpe ratio (for the reason)
   * @param maxDrawdown its backtest's maximum drawdown, a positive fraction
   * @param tradeCount its backtest's trade count
   * @param key what it trades
   */
  public record Candidate(
      UUID strategyId,
      int rank,
      double score,
      double sharpe,
      double maxDrawdown,
      int tradeCount,
      StrategyKey key) {
    public Candidate {
      Objects.requireNonNull(strategyId, "strategyId");
      Objects.requireNonNull(key, "key");
    }

    LiveStrategy asLive() {
      // Promoted "now": later than every strategy already live, so ties among the weakest demote
      // the earlier promoted.
      return new LiveStrategy(strategyId, score, null, key);
    }
  }

  /**
   * A strategy of the live set.
   *
   * @param strategyId the strategy
   * @param score its score when promoted
   * @param promotedAt when it was promoted; null for one promoted by the decision under way (the
   *     newest)
   * @param key what it trades
   */
  public record LiveStrategy(UUID strategyId, double score, Instant promotedAt, StrategyKey key) {
    public LiveStrategy {
      Objects.requireNonNull(strategyId, "strategyId");
      Objects.requireNonNull(key, "key");
    }
  }

  /** What became of a candidate. */
  public enum Outcome {
    PROMOTED("promoted"),
    BELOW_MIN_SCORE("below min score"),
    DRAWDOWN_TOO_DEEP("with max drawdown above the limit"),
    TOO_FEW_TRADES("with too few trades"),
    ALREADY_LIVE("already live"),
    CYCLE_LIMIT_REACHED("over the per-cycle limit"),
    NOT_BETTER_THAN_WEAKEST("not better than the weakest live strategy");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    /** How the summary counts this outcome: {@code 3 below min score}. */
    public String label() {
      return label;
    }
  }

  /**
   * The live strategy a promotion replaces.
   *
   * @param strategy the demoted strategy
   * @param replacedBy the promoted candidate
   * @param reason a sentence: {@code replaced by <id> (score 1.42 > 0.87)}
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
   * @param liveCountAfter the live count after its promotion; 0 when not promoted
   * @param replaced the demotion that made room for it; null if none
   */
  public record Verdict(
      Candidate candidate, Outcome outcome, String reason, int liveCountAfter, Demotion replaced) {

    static Verdict promoted(
        Candidate candidate, String reason, int liveCountAfter, Demotion replaced) {
      return new Verdict(candidate, Outcome.PROMOTED, reason, liveCountAfter, replaced);
    }

    static Verdict rejected(Candidate candidate, Outcome outcome, String reason) {
      return new Verdict(candidate, outcome, reason, 0, null);
    }

    public boolean isPromoted() {
      return outcome == Outcome.PROMOTED;
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
     * The decision in a sentence, e.g. {@code promoted 5 of 60 candidates (40 below min score, 2
     * backtests failed, ...); live 12 of 35}.
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
          details.add(n + " " + detail(outcome));
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

    private String detail(Outcome outcome) {
      return switch (outcome) {
        case BELOW_MIN_SCORE ->
            String.format(Locale.ROOT, "below min score %.2f", rules.minScore());
        case DRAWDOWN_TOO_DEEP -> "with max drawdown above " + percent(rules.maxDrawdown());
        case TOO_FEW_TRADES -> "with fewer than " + trades(rules.minTrades());
        case CYCLE_LIMIT_REACHED -> "over the limit of " + rules.maxPerCycle() + " per cycle";
        default -> outcome.label();
      };
    }
  }
}

package io.backtest.strategy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.strategy.domain.PromotionPolicy.Candidate;
import io.backtest.strategy.domain.PromotionPolicy.Decision;
import io.backtest.strategy.domain.PromotionPolicy.Demotion;
import io.backtest.strategy.domain.PromotionPolicy.LiveStrategy;
import io.backtest.strategy.domain.PromotionPolicy.Outcome;
import io.backtest.strategy.domain.PromotionPolicy.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromotionPolicyTest {
  private static final PromotionRules DEFAULTS = new PromotionRules(35, 5, 0.5, 0.35, 1);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static int nextKey;

  private static StrategyKey key() {
    return new StrategyKey("sma-crossover", "{\"fast\":" + (++nextKey) + "}", "aapl-1d-2013");
  }

  private static Candidate candidate(int rank, double score, double drawdown, int trades) {
    return new Candidate(UUID.randomUUID(), rank, score, score + 0.1, drawdown, trades, key());
  }

  private static Candidate passing(int rank, double score) {
    return candidate(rank, score, 0.10, 3);
  }

  private static LiveStrategy live(double score, int minutesAfterT0) {
    return new LiveStrategy(UUID.randomUUID(), score, T0.plusSeconds(60L * minutesAfterT0), key());
  }

  @Test
  void promotesPassingCandidatesBestFirstUpToTheLimitPerCycle() {
    List<Candidate> ranking = new ArrayList<>();
    for (int rank = 1; rank <= 8; rank++) {
      ranking.add(passing(rank, 3.0 - rank * 0.1));
    }
    Decision d = new PromotionPolicy(DEFAULTS).decide(ranking, List.of(live(0.6, 0)));

    assertThat(d.promotions()).extracting(v -> v.candidate().rank()).containsExactly(1, 2, 3, 4, 5);
    assertThat(d.promotions()).extracting(Verdict::liveCountAfter).containsExactly(2, 3, 4, 5, 6);
    assertThat(d.verdicts().subList(5, 8))
        .allSatisfy(
            v -> {
              assertThat(v.outcome()).isEqualTo(Outcome.CYCLE_LIMIT_REACHED);
              assertThat(v.reason())
                  .endsWith("this cycle already promoted 5, the maximum per cycle");
            });
    assertThat(d.verdicts().get(5).reason())
        .isEqualTo(
            "passed the gates with score 2.40 but this cycle already promoted 5, the maximum per"
                + " cycle");
    assertThat(d.demotions()).isEmpty();
    assertThat(d.liveCount()).isEqualTo(6);
  }

  @Test
  void promotionReasonStatesRankScoreSharpeDrawdownTradesAndLiveCount() {
    Candidate c = new Candidate(UUID.randomUUID(), 1, 1.42, 1.6, 0.113, 1, key());
    List<LiveStrategy> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(live(2 + i, i));
    }
    List<Candidate> ranking = new ArrayList<>(List.of(c));
    for (int rank = 2; rank <= 60; rank++) {
      ranking.add(candidate(rank, 0.1, 0.1, 1));
    }
    Verdict v = new PromotionPolicy(DEFAULTS).decide(ranking, eleven).verdicts().getFirst();

    assertThat(v.reason())
        .isEqualTo(
            "rank 1 of 60: score 1.42 >= 0.50, Sharpe 1.60, max drawdown 11.3% <= 35.0%, 1 trade;"
                + " live 12 of 35");
  }

  @Test
  void eachFailedGateIsNamedWithTheValueAndTheThreshold() {
    List<Candidate> ranking =
        List.of(
            candidate(1, 0.31, 0.10, 2),
            candidate(2, 0.90, 0.412, 2),
            candidate(3, 0.90, 0.10, 0),
            candidate(4, 0.20, 0.50, 0));
    List<Verdict> v = new PromotionPolicy(DEFAULTS).decide(ranking, List.of()).verdicts();

    assertThat(v)
        .extracting(Verdict::outcome)
        .containsExactly(
            Outcome.BELOW_MIN_SCORE,
            Outcome.DRAWDOWN_TOO_DEEP,
            Outcome.TOO_FEW_TRADES,
            Outcome.BELOW_MIN_SCORE);
    assertThat(v.get(0).reason()).isEqualTo("score 0.31 < 0.50");
    assertThat(v.get(1).reason()).isEqualTo("max drawdown 41.2% > 35.0%");
    assertThat(v.get(2).reason()).isEqualTo("0 trades < 1 required");
    assertThat(v.get(3).reason())
        .isEqualTo("score 0.20 < 0.50; max drawdown 50.0% > 35.0%; 0 trades < 1 required");
  }

  @Test
  void thresholdsAreInclusive() {
    Decision d =
        new PromotionPolicy(DEFAULTS).decide(List.of(candidate(1, 0.5, 0.35, 1)), List.of());
    assertThat(d.promotions()).hasSize(1);
  }

  @Test
  void candidateIdenticalToALiveStrategyIsNotPromotedTwice() {
    LiveStrategy existing = live(0.7, 0);
    Candidate twin = new Candidate(UUID.randomUUID(), 1, 2.0, 2.0, 0.1, 4, existing.key());
    Candidate other = passing(2, 1.5);

    Decision d = new PromotionPolicy(DEFAULTS).decide(List.of(twin, other), List.of(existing));

    assertThat(d.verdicts().get(0).outcome()).isEqualTo(Outcome.ALREADY_LIVE);
    assertThat(d.verdicts().get(0).reason()).isEqualTo("already live as " + existing.strategyId());
    assertThat(d.promotions())
        .extracting(v -> v.candidate().strategyId())
        .containsExactly(other.strategyId());
  }

  @Test
  void fullLiveSetReplacesTheWeakestOnlyWhenStrictlyBetterThenStops() {
    PromotionRules cap3 = new PromotionRules(3, 5, 0.5, 0.35, 1);
    LiveStrategy a = live(0.9, 0);
    LiveStrategy b = live(0.7, 1);
    LiveStrategy c = live(1.2, 2);
    Candidate x = passing(1, 1.42);
    Candidate y = passing(2, 0.9); // equals the new weakest (a, 0.9): not better
    Candidate z = passing(3, 0.95); // would beat a, but the walk has stopped

    Decision d = new PromotionPolicy(cap3).decide(List.of(x, y, z), List.of(a, b, c));

    Verdict vx = d.verdicts().get(0);
    assertThat(vx.isPromoted()).isTrue();
    Demotion demotion = vx.replaced();
    assertThat(demotion.strategy()).isEqualTo(b);
    assertThat(demotion.replacedBy()).isEqualTo(x.strategyId());
    assertThat(demotion.reason())
        .isEqualTo("replaced by " + x.strategyId() + " (score 1.42 > 0.70)");
    assertThat(demotion.liveCountAfter()).isEqualTo(2);
    assertThat(vx.liveCountAfter()).isEqualTo(3);
    assertThat(vx.reason()).endsWith("; replaced " + b.strategyId() + " (score 0.70); live 3 of 3");

    Verdict vy = d.verdicts().get(1);
    assertThat(vy.outcome()).isEqualTo(Outcome.NOT_BETTER_THAN_WEAKEST);
    assertThat(vy.reason())
        .isEqualTo(
            "live set full (3 of 3) and score 0.90 does not beat the weakest live strategy "
                + a.strategyId()
                + " (score 0.90)");
    Verdict vz = d.verdicts().get(2);
    assertThat(vz.outcome()).isEqualTo(Outcome.NOT_BETTER_THAN_WEAKEST);
    assertThat(vz.reason()).contains("the walk stopped at rank 2");
    assertThat(d.liveCount()).isEqualTo(3);
  }

  @Test
  void amongEquallyWeakLiveStrategiesTheEarliestPromotedIsReplaced() {
    PromotionRules cap2 = new PromotionRules(2, 5, 0.5, 0.35, 1);
    LiveStrategy newer = live(0.8, 10);
    LiveStrategy older = live(0.8, 5);
    Decision d = new PromotionPolicy(cap2).decide(List.of(passing(1, 1.0)), List.of(newer, older));
    assertThat(d.demotions()).extracting(Demotion::strategy).containsExactly(older);
  }

  @Test
  void rankingIsWalkedByRankWhateverItsOrder() {
    Candidate second = passing(2, 1.0);
    Candidate first = passing(1, 2.0);
    PromotionRules onePerCycle = new PromotionRules(35, 1, 0.5, 0.35, 1);
    Decision d = new PromotionPolicy(onePerCycle).decide(List.of(second, first), List.of());
    assertThat(d.promotions()).extracting(Verdict::candidate).containsExactly(first);
  }

  @Test
  void summaryCountsEveryOutcome() {
    PromotionRules cap2 = new PromotionRules(2, 5, 0.5, 0.35, 1);
    LiveStrategy weak = live(0.6, 0);
    List<Candidate> ranking =
        List.of(
            passing(1, 2.0),
            passing(2, 1.5),
            passing(3, 0.55),
            candidate(4, 0.4, 0.1, 2),
            candidate(5, 0.7, 0.6, 2),
            candidate(6, 0.7, 0.1, 0));
    Decision d = new PromotionPolicy(cap2).decide(ranking, List.of(weak));

    // 2.0 fills the free place, 1.5 replaces 0.6, 0.55 cannot beat 1.5; 3 fail gates.
    assertThat(d.summary(10, 3))
        .isEqualTo(
            "promoted 2 of 10 candidates, replacing 1 weaker live strategy (1 below min score"
                + " 0.50, 1 with max drawdown above 35.0%, 1 with fewer than 1 trade, 1 not better"
                + " than the weakest live strategy, 3 backtests failed, 1 not ranked); live 2 of 2");
  }

  @Test
  void summaryOfACycleWhoseBacktestsAllFailed() {
    Decision d = new PromotionPolicy(DEFAULTS).decide(List.of(), List.of(live(1, 0)));
    assertThat(d.summary(60, 60))
        .isEqualTo("promoted 0 of 60 candidates (60 backtests failed); live 1 of 35");
  }

  @Test
  void liveSetAboveTheCapIsRefused() {
    PromotionRules cap1 = new PromotionRules(1, 5, 0.5, 0.35, 1);
    assertThatThrownBy(
            () -> new PromotionPolicy(cap1).decide(List.of(), List.of(live(1, 0), live(2, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than the cap 1");
  }

  @Test
  void rulesAreValidated() {
    assertThatThrownBy(() -> new PromotionRules(0, 5, 0.5, 0.35, 1)).hasMessageContaining("cap");
    assertThatThrownBy(() -> new PromotionRules(35, 0, 0.5, 0.35, 1))
        .hasMessageContaining("maxPerCycle");
    assertThatThrownBy(() -> new PromotionRules(35, 5, Double.NaN, 0.35, 1))
        .hasMessageContaining("minScore");
    assertThatThrownBy(() -> new PromotionRules(35, 5, 0.5, 1.5, 1))
        .hasMessageContaining("maxDrawdown");
    assertThatThrownBy(() -> new PromotionRules(35, 5, 0.5, 0.35, -1))
        .hasMessageContaining("minTrades");
  }

  /**
   * Many random cycles, each decided on the live set the previous ones left: replaying every
   * verdict step by step (a demotion, then the promotion it made room for), the live set never
   * holds more than the cap, never two strategies with one key, and only candidates that passed
   * every gate.
   */
  @Test
  void promotionNeverExceedsCap() {
    Random random = new Random(20260101);
    for (int scenario = 0; scenario < 200; scenario++) {
      PromotionRules rules =
          new PromotionRules(
              1 + random.nextInt(10), 1 + random.nextInt(6), 0.5, 0.35, 1 + random.nextInt(2));
      PromotionPolicy policy = new PromotionPolicy(rules);
      List<LiveStrategy> liveSet = new ArrayList<>();
      List<StrategyKey> keys = new ArrayList<>();
      for (int k = 0; k < 15; k++) {
        keys.add(key());
      }
      for (int cycle = 0; cycle < 12; cycle++) {
        List<Candidate> ranking = new ArrayList<>();
        int n = random.nextInt(25);
        for (int rank = 1; rank <= n; rank++) {
          ranking.add(
              new Candidate(
                  UUID.randomUUID(),
                  rank,
                  random.nextDouble() * 3 - 0.5,
                  random.nextGaussian(),
                  random.nextDouble() * 0.6,
                  random.nextInt(4),
                  keys.get(random.nextInt(keys.size()))));
        }
        Decision d = policy.decide(ranking, liveSet);
        int promotions = 0;
        for (Verdict v : d.verdicts()) {
          if (!v.isPromoted()) {
            continue;
          }
          promotions++;
          Candidate c = v.candidate();
          assertThat(c.score()).isGreaterThanOrEqualTo(rules.minScore());
          assertThat(c.maxDrawdown()).isLessThanOrEqualTo(rules.maxDrawdown());
          assertThat(c.tradeCount()).isGreaterThanOrEqualTo(rules.minTrades());
          if (v.replaced() != null) {
            UUID replaced = v.replaced().strategy().strategyId();
            assertThat(liveSet.removeIf(l -> l.strategyId().equals(replaced))).isTrue();
            assertThat(liveSet).hasSize(v.replaced().liveCountAfter());
            assertThat(c.score()).isGreaterThan(v.replaced().strategy().score());
          }
          liveSet.add(new LiveStrategy(c.strategyId(), c.score(), T0.plusSeconds(cycle), c.key()));
          assertThat(liveSet).hasSize(v.liveCountAfter());
          assertThat(liveSet.size()).isLessThanOrEqualTo(rules.cap());
          Set<StrategyKey> distinct = new HashSet<>();
          liveSet.forEach(l -> assertThat(distinct.add(l.key())).isTrue());
        }
        assertThat(promotions).isLessThanOrEqualTo(rules.maxPerCycle());
        assertThat(d.liveCount()).isEqualTo(liveSet.size());
      }
    }
  }
}

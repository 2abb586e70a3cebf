package io.backtest.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.engine.selection.PromotionPolicy.Candidate;
import io.backtest.engine.selection.PromotionPolicy.Decision;
import io.backtest.engine.selection.PromotionPolicy.LiveStrategy;
import io.backtest.engine.selection.PromotionPolicy.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromotionPolicyTest {
  private static final OverfittingDiagnostics TRUSTED =
      new OverfittingDiagnostics(3, 4000, 16, 12_870, 0.4, 0.05, -0.5, 0.0);
  private static final PromotionPolicy POLICY = new PromotionPolicy(PromotionRules.DEFAULT);

  /** Statistics that pass every default gate unless changed. */
  static CandidateStatistics stats(double dsr, double maxDrawdown, int trades) {
    return new CandidateStatistics(
        4000,
        252,
        15.9,
        3.1,
        0.08,
        0.1,
        1.4,
        2.0,
        0.6,
        maxDrawdown,
        1.8,
        0.55,
        trades,
        0.8,
        5.6,
        0.7,
        0.1,
        3.5,
        0.0003,
        0.0063,
        0.999,
        dsr,
        0.9,
        4200,
        6.7);
  }

  static Candidate candidate(UUID id, int rank, double score, CandidateStatistics s) {
    return new Candidate(id, rank, score, s, "key-" + id);
  }

  @Test
  void correlatedPassingCandidatesAreSkippedGreedily() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    // among: (a,b) 0.9, (a,c) 0.1, (b,c) 0.2
    double[][] among = {{1, 0.9, 0.1}, {0.9, 1, 0.2}, {0.1, 0.2, 1}};
    Correlations correlations =
        Correlations.of(List.of(a, b, c), List.of(), among, new double[3][0]);
    Decision decision =
        POLICY.decide(
            List.of(
                candidate(a, 1, 0.9, stats(0.99, 0.1, 40)),
                candidate(b, 2, 0.8, stats(0.99, 0.1, 40)),
                candidate(c, 3, 0.7, stats(0.99, 0.1, 40))),
            TRUSTED,
            correlations,
            List.of());
    assertThat(decision.promotions())
        .extracting(v -> v.candidate().strategyId())
        .containsExactly(a, c);
    var rejected = decision.verdicts().get(1);
    assertThat(rejected.outcome()).isEqualTo(Outcome.CORRELATED);
    assertThat(rejected.reason())
        .isEqualTo("not promoted: |correlation| 0.90 with candidate " + a + " >= 0.70");
  }

  @Test
  void correlationWithTheLiveSetCounts() {
    UUID a = UUID.randomUUID();
    UUID live = UUID.randomUUID();
    Correlations correlations =
        Correlations.of(List.of(a), List.of(live), new double[1][1], new double[][] {{-0.75}});
    Decision decision =
        POLICY.decide(
            List.of(candidate(a, 1, 0.9, stats(0.99, 0.1, 40))),
            TRUSTED,
            correlations,
            List.of(new LiveStrategy(live, 0.5, Instant.EPOCH, "other")));
    assertThat(decision.promotions()).isEmpty();
    assertThat(decision.verdicts().getFirst().reason())
        .isEqualTo("not promoted: |correlation| 0.75 with live strategy " + live + " >= 0.70");
  }

  @Test
  void everyFailedGateIsNamedWithItsNumbers() {
    UUID a = UUID.randomUUID();
    Decision decision =
        POLICY.decide(
            List.of(candidate(a, 1, 0.4, stats(0.71, 0.25, 8))), TRUSTED, null, List.of());
    assertThat(decision.promotions()).isEmpty();
    assertThat(decision.verdicts().getFirst().reason())
        .isEqualTo(
            "rejected: DSR 0.71 < 0.95 (N = 4,200 trials); max drawdown 25.0% > 20.0%; 8 trades"
                + " < 10");
    assertThat(decision.summary(1, 0))
        .isEqualTo("promoted 0 of 1 candidates (1 rejected by the gates); live 0 of 35");
  }

  @Test
  void aCycleWhoseInSampleWinnerTendsToLoseOutOfSamplePromotesNothing() {
    OverfittingDiagnostics untrusted =
        new OverfittingDiagnostics(200, 4000, 16, 12_870, 0.55, 0.45, -1.0, 0.0);
    Decision decision =
        POLICY.decide(
            List.of(candidate(UUID.randomUUID(), 1, 0.9, stats(0.99, 0.1, 40))),
            untrusted,
            null,
            List.of());
    assertThat(decision.promotions()).isEmpty();
    assertThat(decision.verdicts().getFirst().reason())
        .isEqualTo("rejected: cycle's P(OOS loss) 0.45 >= 0.20 (CSCV, 12,870 splits)");
  }

  @Test
  void aFullLiveSetIsReplacedOnlyBeyondTheMarginAndNeverExceedsTheCap() {
    PromotionPolicy policy = new PromotionPolicy(PromotionRules.DEFAULT.withCap(2));
    UUID weak = UUID.randomUUID();
    UUID strong = UUID.randomUUID();
    List<LiveStrategy> live =
        List.of(
            new LiveStrategy(weak, 0.60, Instant.EPOCH, "w"),
            new LiveStrategy(strong, 0.90, Instant.EPOCH, "s"));
    UUID close = UUID.randomUUID();
    Decision within =
        policy.decide(
            List.of(candidate(close, 1, 0.64, stats(0.99, 0.1, 40))), TRUSTED, null, live);
    assertThat(within.promotions()).isEmpty();
    assertThat(within.verdicts().getFirst().outcome()).isEqualTo(Outcome.NOT_BETTER_THAN_WEAKEST);

    UUID better = UUID.randomUUID();
    Decision beyond =
        policy.decide(
            List.of(candidate(better, 1, 0.70, stats(0.99, 0.1, 40))), TRUSTED, null, live);
    assertThat(beyond.promotions()).hasSize(1);
    assertThat(beyond.demotions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.strategy().strategyId()).isEqualTo(weak);
              assertThat(d.reason()).contains("0.7000 > 0.6000 + margin 0.0500");
            });
    assertThat(beyond.liveCount()).isEqualTo(2);
  }

  @Test
  void manyPassingUncorrelatedCandidatesFillTheCapAndStop() {
    PromotionPolicy policy = new PromotionPolicy(PromotionRules.DEFAULT.withCap(35));
    List<Candidate> ranking = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      ranking.add(candidate(UUID.randomUUID(), i, 1.0 - i / 100.0, stats(0.99, 0.1, 40)));
    }
    Decision decision = policy.decide(ranking, TRUSTED, null, List.of());
    assertThat(decision.promotions()).hasSize(35);
    assertThat(decision.liveCount()).isEqualTo(35);
    assertThatThrownBy(
            () ->
                new PromotionPolicy(PromotionRules.DEFAULT.withCap(1))
                    .decide(
                        ranking,
                        TRUSTED,
                        null,
                        List.of(
                            new LiveStrategy(UUID.randomUUID(), 1, Instant.EPOCH, "a"),
                            new LiveStrategy(UUID.randomUUID(), 1, Instant.EPOCH, "b"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

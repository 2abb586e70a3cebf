package io.backtest.engine.selection;

import static io.backtest.engine.selection.PromotionPolicyTest.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.contracts.events.GateCheck;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RegimePerformance;
import io.backtest.engine.selection.PromotionPolicy.Candidate;
import io.backtest.engine.selection.PromotionPolicy.Decision;
import io.backtest.engine.selection.PromotionPolicy.Outcome;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromotionPolicyRegimeFitTest {
  private static final OverfittingDiagnostics TRUSTED =
      new OverfittingDiagnostics(3, 4000, 16, 12_870, 0.4, 0.05, -0.5, 0.0);
  private static final PromotionPolicy GATED =
      new PromotionPolicy(PromotionRules.DEFAULT.withRegimeFit(true, 20));

  private static final RegimePerformance HIGH_LOSING =
      new RegimePerformance("volatility", "HIGH", 212, -0.0004, -0.8, -0.081, 0.3);
  private static final RegimePerformance LOW_WINNING =
      new RegimePerformance("volatility", "LOW", 400, 0.0006, 1.9, 0.27, 0.6);
  private static final RegimePerformance RANGING_FEW =
      new RegimePerformance("trend", "RANGING", 19, -0.002, -1.5, -0.04, 0.03);
  private static final RegimePerformance UP_WINNING =
      new RegimePerformance("trend", "TRENDING_UP", 300, 0.00015, 0.6, 0.046, 0.45);

  private static Candidate candidate(int rank, List<RegimePerformance> regimes) {
    UUID id = UUID.randomUUID();
    return new Candidate(id, rank, 1.0 - rank / 10.0, stats(0.99, 0.1, 40), "key-" + id, regimes);
  }

  private static GateCheck regimeFit(List<GateCheck> gates) {
    return gates.stream().filter(g -> g.gate().equals("regime-fit")).findFirst().orElseThrow();
  }

  @Test
  void theGateIsOffByDefaultAndAddsNoCheck() {
    assertThat(PromotionRules.DEFAULT.requireRegimeFit()).isFalse();
    assertThat(PromotionRules.DEFAULT.minRegimePoints()).isEqualTo(20);
    Decision decision =
        new PromotionPolicy(PromotionRules.DEFAULT)
            .decide(
                List.of(candidate(1, List.of(HIGH_LOSING))),
                TRUSTED,
                null,
                List.of(),
                Map.of("volatility", "HIGH"));
    assertThat(decision.promotions()).hasSize(1);
    assertThat(decision.verdicts().getFirst().gates())
        .extracting(GateCheck::gate)
        .doesNotContain("regime-fit");
  }

  @Test
  void aCandidateLosingInTheCurrentRegimeIsRejectedWithTheFigures() {
    Candidate losing = candidate(1, List.of(LOW_WINNING, HIGH_LOSING));
    Candidate winning = candidate(2, List.of(LOW_WINNING, HIGH_LOSING));
    Decision decision =
        GATED.decide(
            List.of(losing, winning), TRUSTED, null, List.of(), Map.of("volatility", "HIGH"));

    var verdict = decision.verdicts().getFirst();
    assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED_BY_GATES);
    assertThat(verdict.reason())
        .isEqualTo(
            "rejected: losing in the current volatility regime HIGH: mean -0.04% over 212"
                + " points");
    GateCheck check = regimeFit(verdict.gates());
    assertThat(check.gate()).isEqualTo("regime-fit");
    assertThat(check.passed()).isFalse();
    assertThat(check.value()).isEqualTo(-0.0004);
    assertThat(check.threshold()).isZero();
  }

  @Test
  void theSameCandidatePassesInARegimeWhereItMakesMoney() {
    Decision decision =
        GATED.decide(
            List.of(candidate(1, List.of(LOW_WINNING, HIGH_LOSING))),
            TRUSTED,
            null,
            List.of(),
            Map.of("volatility", "LOW"));
    assertThat(decision.promotions()).hasSize(1);
    GateCheck check = regimeFit(decision.verdicts().getFirst().gates());
    assertThat(check)
        .isEqualTo(
            new GateCheck(
                "regime-fit",
                0.0006,
                0,
                true,
                "not losing in the current volatility regime LOW: mean +0.06% over 400 points"));
  }

  @Test
  void everyDetectorWithAKnownRegimeIsJudgedAndTooFewPointsAreNot() {
    GateCheck check =
        GATED.regimeFitCheck(
            List.of(LOW_WINNING, RANGING_FEW, UP_WINNING),
            Map.of("volatility", "LOW", "trend", "RANGING"));
    // trend: 19 points < 20, not judged though losing; volatility LOW judged and winning
    assertThat(check.passed()).isTrue();
    assertThat(check.value()).isEqualTo(0.0006);
    assertThat(check.reason())
        .isEqualTo(
            "19 out-of-sample points in the current trend regime RANGING, fewer than 20: not"
                + " judged; not losing in the current volatility regime LOW: mean +0.06% over 400"
                + " points");

    GateCheck both =
        GATED.regimeFitCheck(
            List.of(HIGH_LOSING, UP_WINNING), Map.of("volatility", "HIGH", "trend", "TRENDING_UP"));
    assertThat(both.passed()).isFalse();
    // the lowest mean of the records judged
    assertThat(both.value()).isEqualTo(-0.0004);
    assertThat(both.reason())
        .isEqualTo(
            "not losing in the current trend regime TRENDING_UP: mean +0.02% over 300 points;"
                + " losing in the current volatility regime HIGH: mean -0.04% over 212 points");
  }

  @Test
  void anUnknownCurrentRegimeOrAnUnseenRegimePasses() {
    Decision unknown =
        GATED.decide(List.of(candidate(1, List.of(HIGH_LOSING))), TRUSTED, null, List.of());
    GateCheck check = regimeFit(unknown.verdicts().getFirst().gates());
    assertThat(check.passed()).isTrue();
    assertThat(check.reason()).isEqualTo("current market regime unknown: regime fit not checked");
    assertThat(unknown.promotions()).hasSize(1);

    GateCheck unseen = GATED.regimeFitCheck(List.of(), Map.of("volatility", "HIGH"));
    assertThat(unseen.passed()).isTrue();
    assertThat(unseen.value()).isZero();
    assertThat(unseen.reason())
        .isEqualTo(
            "0 out-of-sample points in the current volatility regime HIGH, fewer than 20: not"
                + " judged");
  }

  @Test
  void theMinimumPointsAreConfigurableAndChecked() {
    PromotionPolicy strict = new PromotionPolicy(PromotionRules.DEFAULT.withRegimeFit(true, 10));
    assertThat(strict.regimeFitCheck(List.of(RANGING_FEW), Map.of("trend", "RANGING")).passed())
        .isFalse();
    assertThat(PromotionRules.DEFAULT.withRegimeFit(true, 10).withCap(5).minRegimePoints())
        .isEqualTo(10);
    assertThatThrownBy(() -> PromotionRules.DEFAULT.withRegimeFit(true, 0))
        .hasMessage("minRegimePoints must be >= 1 but was 0");
  }
}

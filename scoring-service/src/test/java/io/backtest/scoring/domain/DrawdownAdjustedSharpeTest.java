package io.backtest.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.contracts.events.BacktestMetrics;
import org.junit.jupiter.api.Test;

/** The current score, {@code sharpe × (1 − maxDrawdown)}, against numbers worked by hand. */
class DrawdownAdjustedSharpeTest {
  private final ScoringModel model = new DrawdownAdjustedSharpe();

  private static BacktestMetrics metrics(double sharpe, double maxDrawdown, int trades) {
    return new BacktestMetrics(
        0.25,
        0.12,
        sharpe,
        sharpe * 1.3,
        maxDrawdown,
        30,
        null,
        0.18,
        trades,
        0.55,
        1.7,
        120.0,
        -80.0,
        30.0,
        0.6,
        0.1,
        3.2,
        252);
  }

  @Test
  void sharpeIsScaledByTheEquityThatSurvivesTheWorstDrawdown() {
    // 1.5 × (1 − 0.2) = 1.5 × 0.8 = 1.2
    assertThat(model.score(metrics(1.5, 0.2, 10))).isEqualTo(1.2);
    // 2.0 × (1 − 0.35) = 2.0 × 0.65 = 1.3
    assertThat(model.score(metrics(2.0, 0.35, 3))).isEqualTo(1.3);
    // 0.8 × (1 − 0) = 0.8: no drawdown keeps the whole Sharpe ratio
    assertThat(model.score(metrics(0.8, 0.0, 1))).isEqualTo(0.8);
  }

  @Test
  void scoreIsRoundedHalfUpToFourDecimals() {
    // 1.23456 × 0.9 = 1.111104 → 1.1111
    assertThat(model.score(metrics(1.23456, 0.1, 5))).isEqualTo(1.1111);
    // 0.98765 × 0.5 = 0.493825 → 0.4938 (the fifth decimal 2 rounds down)
    assertThat(model.score(metrics(0.98765, 0.5, 5))).isEqualTo(0.4938);
    // 0.33335 × 1 = 0.33335 → 0.3334 (half up on the decimal value, not on the binary double)
    assertThat(model.score(metrics(0.33335, 0.0, 5))).isEqualTo(0.3334);
    // −0.33335 × 1 → −0.3334 (half away from zero)
    assertThat(model.score(metrics(-0.33335, 0.0, 5))).isEqualTo(-0.3334);
  }

  @Test
  void strategyThatNeverTradedScoresZero() {
    assertThat(model.score(metrics(3.0, 0.0, 0))).isEqualTo(0.0);
    assertThat(model.score(metrics(-1.0, 0.4, 0))).isEqualTo(0.0);
  }

  @Test
  void losingStrategyScoresNegative() {
    // −0.8 × (1 − 0.25) = −0.6
    assertThat(model.score(metrics(-0.8, 0.25, 4))).isEqualTo(-0.6);
  }

  @Test
  void drawdownBeyondTotalLossLeavesNothingInsteadOfFlippingTheSign() {
    // clamped to 1: −0.5 × (1 − 1) = 0, not −0.5 × (1 − 1.2) = +0.1
    double score = model.score(metrics(-0.5, 1.2, 4));
    assertThat(score).isEqualTo(0.0);
    assertThat(Double.doubleToRawLongBits(score)).isEqualTo(Double.doubleToRawLongBits(0.0));
    // a negative drawdown is no drawdown: 1.1 × (1 − 0) = 1.1
    assertThat(model.score(metrics(1.1, -0.05, 4))).isEqualTo(1.1);
  }

  @Test
  void roundingRejectsNonFiniteValues() {
    assertThatThrownBy(() -> ScoringModel.round(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formulaIsTheOneTheApiShows() {
    assertThat(model.formula()).isEqualTo("sharpe × (1 − maxDrawdown)");
  }
}

package io.backtest.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DrawdownBreachTest {

  /**
   * Backtest maximum drawdown 12 %, factor 1.5: limit min(18 %, 20 %) = 18 %. Returns +10 %, −10 %,
   * +5 %, −15 % give equity 1.1, 0.99, 1.0395, 0.883575 with peak 1.1, so drawdowns 0, 0.1, 0.055,
   * 0.19675: the fourth bar breaches.
   */
  @Test
  void breachesTheMultipleOfTheBacktestDrawdownOnAHandMadePath() {
    DrawdownBreach breach = DrawdownBreach.withDefaults(0.12);
    assertThat(breach.limit()).isCloseTo(0.18, within(1e-15));
    assertThat(breach.absoluteLimitBinds()).isFalse();
    double[] returns = {0.10, -0.10, 0.05, -0.15};
    double[] drawdowns = {0, 0.1, 0.055, 0.19675};
    for (int i = 0; i < returns.length; i++) {
      boolean alarm = breach.update(returns[i]);
      assertThat(breach.drawdown()).isCloseTo(drawdowns[i], within(1e-12));
      assertThat(alarm).isEqualTo(i == 3);
    }
    assertThat(breach.barsSincePeak()).isEqualTo(3);
    breach.reset();
    assertThat(breach.drawdown()).isZero();
    assertThat(breach.update(-0.1)).isFalse();
  }

  /**
   * Backtest maximum drawdown 50 %: 1.5 × 50 % = 75 % exceeds the absolute 20 %, which binds. −19 %
   * (drawdown 0.19) passes; −2 % more gives equity 0.81 × 0.98 = 0.7938, drawdown 0.2062 &gt; 0.2.
   */
  @Test
  void theAbsoluteLimitBindsWhenTheBacktestAllowedMore() {
    DrawdownBreach breach = DrawdownBreach.withDefaults(0.5);
    assertThat(breach.limit()).isEqualTo(0.2);
    assertThat(breach.absoluteLimitBinds()).isTrue();
    assertThat(breach.update(-0.19)).isFalse();
    assertThat(breach.update(-0.02)).isTrue();
    assertThat(breach.drawdown()).isCloseTo(0.2062, within(1e-12));
  }

  @Test
  void aBacktestThatNeverLostLeavesOnlyTheAbsoluteLimit() {
    DrawdownBreach breach = DrawdownBreach.withDefaults(0);
    assertThat(breach.limit()).isEqualTo(0.2);
    assertThat(breach.update(-0.05)).isFalse();
  }

  @Test
  void aTotalLossBreaches() {
    DrawdownBreach breach = DrawdownBreach.withDefaults(0.1);
    assertThat(breach.update(-1)).isTrue();
    assertThat(breach.drawdown()).isEqualTo(1);
  }

  /** The state is equity over peak: a long rise neither overflows nor hides a later fall. */
  @Test
  void staysExactOverALongRise() {
    DrawdownBreach breach = DrawdownBreach.withDefaults(0.1);
    boolean alarmed = false;
    for (int i = 0; i < 1_000_000; i++) {
      alarmed |= breach.update(0.01);
    }
    assertThat(alarmed).isFalse();
    assertThat(breach.update(-0.1)).isFalse();
    assertThat(breach.drawdown()).isCloseTo(0.1, within(1e-12));
    assertThat(breach.update(-0.1)).isTrue();
    assertThat(breach.drawdown()).isCloseTo(0.19, within(1e-12));
  }
}

package io.backtest.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.metrics.ReturnStatistics;
import io.backtest.engine.statistics.ProbabilisticSharpeRatio;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiveSharpeCheckTest {

  /**
   * Bailey &amp; López de Prado (2012): MinTRL = 1 + (1 − γ₃·SR + (γ₄ − 1)/4·SR²)·(Z/(SR − SR*))².
   *
   * <p>Annual Sharpe ratio 2 on daily points against 0, normal returns, 95 %: SR = 2/√252 =
   * 0.1259882, variance term 1 + 0.1259882²/2 = 1.0079365, Z = 1.6448536, (Z/SR)² = 13.055776² =
   * 170.45329; MinTRL = 1 + 1.0079365 × 170.45329 = 172.8020.
   *
   * <p>SR = 0.1 against SR* = 0.05 with γ₃ = −1, γ₄ = 6: variance term 1 + 0.1 + 5/4 × 0.01 =
   * 1.1125, (1.6448536/0.05)² = 32.897073² = 1082.2174; MinTRL = 1 + 1.1125 × 1082.2174 = 1204.967.
   */
  @Test
  void minimumTrackRecordLengthFollowsThePapersFormula() {
    assertThat(LiveSharpeCheck.minimumTrackRecordLength(2 / Math.sqrt(252), 0, 0, 3, 0.95))
        .isCloseTo(172.8020, within(1e-3));
    assertThat(LiveSharpeCheck.minimumTrackRecordLength(0.1, 0.05, -1, 6, 0.95))
        .isCloseTo(1204.967, within(1e-2));
    assertThat(LiveSharpeCheck.minimumTrackRecordLength(0.05, 0.1, 0, 3, 0.95))
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(LiveSharpeCheck.withDefaults(2 / Math.sqrt(252)).minimumTrackRecord())
        .isEqualTo(173);
  }

  /** MinTRL inverts the PSR: a record of MinTRL returns just reaches the confidence. */
  @Test
  void minimumTrackRecordLengthIsWherePsrReachesTheConfidence() {
    double sharpe = 0.1;
    double minTrl = LiveSharpeCheck.minimumTrackRecordLength(sharpe, 0.03, -0.5, 5, 0.95);
    long length = (long) Math.ceil(minTrl);
    assertThat(ProbabilisticSharpeRatio.of(sharpe, 0.03, length, -0.5, 5)).isGreaterThan(0.95);
    assertThat(ProbabilisticSharpeRatio.of(sharpe, 0.03, length - 1, -0.5, 5)).isLessThan(0.95);
  }

  /** The one-pass moments agree with the two-pass ones of {@link ReturnStatistics}. */
  @Test
  void onePassMomentsMatchTwoPassStatistics() {
    SplittableRandom random = new SplittableRandom(3);
    double[] returns = new double[2_000];
    LiveSharpeCheck check = LiveSharpeCheck.withDefaults(0.1);
    for (int i = 0; i < returns.length; i++) {
      // skewed: a normal plus a rare jump down
      returns[i] = 0.001 + 0.01 * random.nextGaussian() - (random.nextDouble() < 0.02 ? 0.05 : 0);
      check.update(returns[i]);
    }
    assertThat(check.sharpe())
        .isCloseTo(
            ReturnStatistics.mean(returns) / ReturnStatistics.sampleStandardDeviation(returns),
            within(1e-12));
    assertThat(check.skewness()).isCloseTo(ReturnStatistics.skewness(returns), within(1e-9));
    assertThat(check.kurtosis()).isCloseTo(ReturnStatistics.kurtosis(returns), within(1e-9));
    assertThat(check.probabilisticSharpeRatio())
        .isCloseTo(
            ProbabilisticSharpeRatio.of(
                check.sharpe(),
                0.1,
                returns.length,
                ReturnStatistics.skewness(returns),
                ReturnStatistics.kurtosis(returns)),
            within(1e-12));
  }

  /**
   * A record that earns nothing stays silent until MinTRL (173 points at an annual Sharpe ratio of
   * 2), then alarms at the first look: returns alternating ±1 % have Sharpe ratio 0 (at an odd
   * count slightly positive, 0.01/173 over about 0.01, i.e. 0.0058), so PSR(0.126) = Φ((0.0058 −
   * 0.126)·√172 / 1.00) ≈ Φ(−1.58) ≈ 0.057 &gt; 0.05 but far above 0.001; with a threshold of 0.06
   * it alarms at point 173 exactly.
   */
  @Test
  void staysSilentBeforeTheMinimumTrackRecordAndThenAlarms() {
    double promised = 2 / Math.sqrt(252);
    LiveSharpeCheck check = new LiveSharpeCheck(promised, 0.06, 0.95);
    for (int i = 1; i < 173; i++) {
      assertThat(check.update(i % 2 == 0 ? -0.01 : 0.01)).isFalse();
      assertThat(check.probabilisticSharpeRatio()).isNaN();
    }
    assertThat(check.update(0.01)).isTrue();
    double[] record = new double[173];
    for (int i = 0; i < 173; i++) {
      record[i] = i % 2 == 0 ? 0.01 : -0.01;
    }
    double sharpe =
        ReturnStatistics.mean(record) / ReturnStatistics.sampleStandardDeviation(record);
    assertThat(check.probabilisticSharpeRatio())
        .isCloseTo(
            ProbabilisticSharpeRatio.of(
                sharpe,
                promised,
                173,
                ReturnStatistics.skewness(record),
                ReturnStatistics.kurtosis(record)),
            within(1e-12))
        .isCloseTo(0.057, within(0.003));
    assertThat(Arrays.stream(record).sum()).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void aNonPositivePromiseIsNeverChecked() {
    LiveSharpeCheck check = LiveSharpeCheck.withDefaults(0);
    for (int i = 0; i < 10_000; i++) {
      assertThat(check.update(-0.01 * (i % 3))).isFalse();
    }
  }
}

package io.backtest.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backtest.contracts.events.ExpectedPerformance;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

  /**
   * k = 0.5, h = 4, z = 1, 2, −0.5, 3, 1.5. By hand, C⁺ = max(0, C⁺ + z − 0.5): 0.5, 2.0, 1.0, 3.5,
   * 4.5 (alarm: 4.5 &gt; 4); C⁻ = max(0, C⁻ − z − 0.5) stays 0 (−1.5, −2.5, 0, −3.5, −2 all
   * clipped: at z = −0.5, 0 + 0.5 − 0.5 = 0). C⁺ never returned to 0, so the change is 5 points
   * old.
   */
  @Test
  void cusumMatchesAHandWorkedRise() {
    CusumDetector cusum = new CusumDetector(0.5, 4);
    double[] z = {1, 2, -0.5, 3, 1.5};
    double[] upper = {0.5, 2.0, 1.0, 3.5, 4.5};
    for (int i = 0; i < z.length; i++) {
      boolean alarm = cusum.update(z[i]);
      assertThat(cusum.upper()).isCloseTo(upper[i], within(1e-12));
      assertThat(cusum.lower()).isZero();
      assertThat(alarm).isEqualTo(i == 4);
    }
    assertThat(cusum.statistic()).isCloseTo(4.5, within(1e-12));
    assertThat(cusum.falling()).isFalse();
    assertThat(cusum.pointsSinceChange()).isEqualTo(5);
    assertThat(cusum.observations()).isEqualTo(5);
  }

  /**
   * k = 0.5, h = 4, z = −1, −1, 2, −3, −1.6. By hand, C⁻ = max(0, C⁻ − z − 0.5): 0.5, 1.0, max(0, 1
   * − 2 − 0.5) = 0, 2.5, 3.6 — no alarm (3.6 ≤ 4); one more z = −1 gives 4.1 &gt; 4. C⁻ was last 0
   * at the third point, so at the alarm the change is 3 points old.
   */
  @Test
  void cusumMatchesAHandWorkedFall() {
    CusumDetector cusum = new CusumDetector(0.5, 4);
    double[] z = {-1, -1, 2, -3, -1.6, -1};
    double[] lower = {0.5, 1.0, 0, 2.5, 3.6, 4.1};
    for (int i = 0; i < z.length; i++) {
      boolean alarm = cusum.update(z[i]);
      assertThat(cusum.lower()).isCloseTo(lower[i], within(1e-12));
      assertThat(alarm).isEqualTo(i == 5);
    }
    assertThat(cusum.falling()).isTrue();
    assertThat(cusum.pointsSinceChange()).isEqualTo(3);
    cusum.reset();
    assertThat(cusum.statistic()).isZero();
    assertThat(cusum.observations()).isZero();
  }

  /**
   * δ = 0.5, λ = 4 on z = −1, −1, 2, −3, −1.6, −1. By hand, m⁻ = Σ(z + 0.5): −0.5, −1.0, 1.5, −1.0,
   * −2.1, −2.6; its running maximum (from m₀ = 0) is 0, 0, 1.5, 1.5, 1.5, 1.5; PH⁻ = max − m⁻: 0.5,
   * 1.0, 0, 2.5, 3.6, 4.1 — alarm at the sixth point, the maximum at the third: 3 points ago. m⁺ =
   * Σ(z − 0.5): −1.5, −3.0, −1.5, −5.0, −7.1, −8.6 against its running minimum −1.5, −3.0, −3.0,
   * −5.0, −7.1, −8.6: PH⁺ = 0, 0, 1.5, 0, 0, 0.
   */
  @Test
  void pageHinkleyMatchesAHandWorkedFall() {
    PageHinkleyDetector ph = new PageHinkleyDetector(0.5, 4);
    double[] z = {-1, -1, 2, -3, -1.6, -1};
    double[] falling = {0.5, 1.0, 0, 2.5, 3.6, 4.1};
    double[] rising = {0, 0, 1.5, 0, 0, 0};
    for (int i = 0; i < z.length; i++) {
      boolean alarm = ph.update(z[i]);
      assertThat(ph.fallingStatistic()).isCloseTo(falling[i], within(1e-12));
      assertThat(ph.risingStatistic()).isCloseTo(rising[i], within(1e-12));
      assertThat(alarm).isEqualTo(i == 5);
    }
    assertThat(ph.falling()).isTrue();
    assertThat(ph.pointsSinceChange()).isEqualTo(3);
  }

  /**
   * Basseville &amp; Nikiforov (1993, §2.2): with a known reference both are the same statistic.
   */
  @Test
  void pageHinkleyAndCusumAlarmAtTheSamePoints() {
    SplittableRandom random = new SplittableRandom(7);
    CusumDetector cusum = new CusumDetector(0.063, 12);
    PageHinkleyDetector ph = new PageHinkleyDetector(0.063, 12);
    int alarms = 0;
    int disagreements = 0;
    double largestGap = 0;
    for (int t = 0; t < 200_000; t++) {
      // a mean that wanders, so that both sides alarm now and then
      double z = random.nextGaussian() + 0.3 * Math.sin(t / 3000.0);
      boolean a = cusum.update(z);
      boolean b = ph.update(z);
      largestGap = Math.max(largestGap, Math.abs(ph.statistic() - cusum.statistic()));
      if (a != b
          || a
              && (ph.falling() != cusum.falling()
                  || ph.pointsSinceChange() != cusum.pointsSinceChange())) {
        disagreements++;
      }
      if (a) {
        alarms++;
        cusum.reset();
        ph.reset();
      }
    }
    assertThat(disagreements).isZero();
    assertThat(largestGap).isLessThan(1e-9);
    assertThat(alarms).isGreaterThan(20);
  }

  /**
   * Montgomery (2013), Table 9.3: the two-sided tabular CUSUM with k = 1/2 has in-control ARLs of
   * 168 (h = 4) and 465 (h = 5), and 8.38 and 10.4 after a one-standard-deviation shift; Siegmund's
   * approximation is within 2 % of them.
   */
  @Test
  void siegmundsApproximationMatchesMontgomerysTable() {
    assertThat(CusumDetector.twoSidedRunLength(0.5, 4, 0)).isCloseTo(168, within(168 * 0.02));
    assertThat(CusumDetector.twoSidedRunLength(0.5, 5, 0)).isCloseTo(465, within(465 * 0.02));
    assertThat(CusumDetector.twoSidedRunLength(0.5, 4, 1)).isCloseTo(8.38, within(8.38 * 0.02));
    assertThat(CusumDetector.twoSidedRunLength(0.5, 5, 1)).isCloseTo(10.4, within(10.4 * 0.02));
  }

  /**
   * The run lengths of 20,000 simulated in-control CUSUMs (k = 1/2, h = 4) average 168 ± 2 % as
   * Siegmund's approximation says (standard error of the mean about 168/√20,000 ≈ 1.2).
   */
  @Test
  void siegmundsApproximationMatchesSimulatedRunLengths() {
    SplittableRandom random = new SplittableRandom(11);
    CusumDetector cusum = new CusumDetector(0.5, 4);
    long total = 0;
    int runs = 20_000;
    for (int run = 0; run < runs; run++) {
      cusum.reset();
      long length = 1;
      while (!cusum.update(random.nextGaussian())) {
        length++;
      }
      total += length;
    }
    double mean = (double) total / runs;
    assertThat(mean).isCloseTo(CusumDetector.twoSidedRunLength(0.5, 4, 0), within(168 * 0.02));
  }

  /**
   * The default design at an annual Sharpe ratio of 2 on daily points: k = 2/√252/2 = 0.062994 and
   * the h whose two-sided ARL is 40,000, i.e. each side 80,000: (e^{2kb} − 2kb − 1)/(2k²) = 80,000
   * with b = h + 1.166. At h = 50.15, 2kb = 0.125988 × 51.316 = 6.4652, e^6.4652 = 642.4 and (642.4
   * − 7.465) / 0.0079365 ≈ 80,000.
   */
  @Test
  void defaultThresholdGivesTheDefaultInControlRunLength() {
    ExpectedPerformance expected = DriftExperiment.promise(2.0, 0.1);
    CusumDetector cusum = CusumDetector.forExpected(expected);
    assertThat(cusum.reference()).isCloseTo(2 / Math.sqrt(252) / 2, within(1e-12));
    assertThat(cusum.threshold()).isCloseTo(50.15, within(0.01));
    assertThat(CusumDetector.twoSidedRunLength(cusum.reference(), cusum.threshold(), 0))
        .isCloseTo(40_000, within(0.01));
    // no positive edge promised: Montgomery's k = 1/2
    ExpectedPerformance flat = new ExpectedPerformance(0, 0.15, 0, 0.1, 0, 0.01, 252, 1, 40, 0.5);
    assertThat(CusumDetector.forExpected(flat).reference()).isEqualTo(0.5);
    // intraday points: 100 years of them exceed 40,000
    ExpectedPerformance hourly =
        new ExpectedPerformance(0.3, 0.15, 2, 0.1, 1e-4, 0.003, 1764, 1, 40, 0.9);
    assertThat(CusumDetector.defaultInControlRunLength(hourly)).isEqualTo(176_400);
  }

  @Test
  void rejectsNonFiniteInputAndBadParameters() {
    assertThatThrownBy(() -> new CusumDetector(0.5, 4).update(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PageHinkleyDetector(0.5, 4).update(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CusumDetector(-0.1, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CusumDetector(0.5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CusumDetector.thresholdFor(0.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

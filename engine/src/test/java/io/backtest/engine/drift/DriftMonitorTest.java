package io.backtest.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.contracts.events.ExpectedPerformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

  /**
   * Annual Sharpe ratio 2 at a volatility of 1.6 % (0.1 % a daily point), so that a vanished edge
   * shows in the CUSUM long before the drawdown reaches 20 %; no trade rate, so that check is off.
   */
  private static ExpectedPerformance quiet(int barsPerPoint) {
    double stdev = 0.001;
    double mean = 2 * stdev / Math.sqrt(252);
    return new ExpectedPerformance(0.03, 0.016, 2, 0.5, mean, stdev, 252, barsPerPoint, 0, 0.9);
  }

  @Test
  void aVanishedEdgeIsReportedByTheCusumWithItsNumbers() {
    DriftMonitor monitor = new DriftMonitor(quiet(1));
    SplittableRandom random = new SplittableRandom(5);
    Optional<DriftDetection> alarm = Optional.empty();
    for (int bar = 0; bar < 20_000 && alarm.isEmpty(); bar++) {
      alarm = monitor.update(0.001 * random.nextGaussian(), false);
    }
    DriftDetection detection = alarm.orElseThrow();
    assertThat(detection.detector()).isEqualTo("CUSUM");
    assertThat(detection.statistic()).isGreaterThan(detection.threshold());
    assertThat(detection.bar()).isEqualTo(monitor.bars());
    assertThat(detection.barsObserved()).isEqualTo(detection.bar());
    assertThat(detection.reason())
        .matches(
            "drift: CUSUM \\d+\\.\\d > 50\\.1 after \\d+ bars \\(mean return below the promise"
                + " since about \\d+ bars ago\\)");
    // the detector restarted
    assertThat(monitor.changeDetector().orElseThrow().statistic()).isZero();
  }

  /** With three bars a point, the mean-shift detector sees the three bars compounded. */
  @Test
  void barsAreCompoundedIntoPointsBeforeTheyAreStandardised() {
    ExpectedPerformance expected = quiet(3);
    DriftMonitor monitor = new DriftMonitor(expected);
    CusumDetector reference = CusumDetector.forExpected(expected);
    SplittableRandom random = new SplittableRandom(9);
    List<Long> monitorAlarms = new ArrayList<>();
    List<Long> referenceAlarms = new ArrayList<>();
    double growth = 1;
    for (long bar = 1; bar <= 60_000; bar++) {
      double r = 0.0006 * random.nextGaussian();
      // the Sharpe check alarms too on this edgeless record; the CUSUM is reported first
      monitor
          .update(r, false)
          .filter(d -> d.detector().equals("CUSUM"))
          .ifPresent(d -> monitorAlarms.add(d.bar()));
      growth *= 1 + r;
      if (bar % 3 == 0) {
        double z = (growth - 1 - expected.meanReturn()) / expected.returnStdev();
        if (reference.update(z)) {
          referenceAlarms.add(bar);
          reference.reset();
        }
        growth = 1;
      }
    }
    assertThat(referenceAlarms).isNotEmpty();
    assertThat(monitorAlarms).isEqualTo(referenceAlarms);
  }

  /**
   * A −30 % bar with a promised point volatility of 0.1 %: z ≈ −300 sends the CUSUM over its
   * threshold on the same bar as the drawdown; drawdown is reported first, the CUSUM in the reason,
   * and both restart.
   */
  @Test
  void simultaneousAlarmsReportTheDrawdownFirstAndRestartBoth() {
    DriftMonitor monitor = new DriftMonitor(quiet(1));
    DriftDetection detection = monitor.update(-0.30, false).orElseThrow();
    assertThat(detection.detector()).isEqualTo("drawdown");
    assertThat(detection.statistic())
        .isEqualTo(0.30, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(detection.threshold()).isEqualTo(0.2);
    assertThat(detection.reason())
        .startsWith("drift: drawdown 30.0 % > 20.0 % (the absolute limit) after 1 bars; also")
        .contains("; also drift: CUSUM");
    assertThat(monitor.drawdown().drawdown()).isZero();
    assertThat(monitor.changeDetector().orElseThrow().statistic()).isZero();
    assertThat(monitor.update(0, false)).isEmpty();
  }

  /**
   * No positive return deviation promised, so no CUSUM; alternating +1 % and −1.1 % (mean −0.05 %,
   * Sharpe ratio about −0.05 a day against a promised 0.126) give PSR ≈ Φ(−0.17 × √172) ≈ 0.012 at
   * the first look, point 173, below a threshold of 0.05; the drawdown is then about 9 %.
   */
  @Test
  void aLiveSharpeRatioFarBelowThePromiseIsReportedAtTheMinimumTrackRecord() {
    ExpectedPerformance expected = new ExpectedPerformance(0.3, 0.15, 2, 0.5, 0, 0, 252, 1, 0, 0.9);
    DriftMonitor.Settings settings =
        new DriftMonitor.Settings(
            DriftMonitor.ChangeDetection.CUSUM, Double.NaN, 1.5, 0.2, 0.05, 0.95, 0.001);
    DriftMonitor monitor = new DriftMonitor(expected, settings);
    assertThat(monitor.changeDetector()).isEmpty();
    Optional<DriftDetection> alarm = Optional.empty();
    while (alarm.isEmpty()) {
      alarm = monitor.update(monitor.bars() % 2 == 0 ? 0.01 : -0.011, false);
    }
    DriftDetection detection = alarm.get();
    assertThat(detection.detector()).isEqualTo("live Sharpe");
    assertThat(detection.bar()).isEqualTo(173);
    assertThat(detection.statistic()).isBetween(0.005, 0.02);
    assertThat(detection.reason()).startsWith("drift: PSR(backtest Sharpe 2.00) 0.0");
  }

  /** 252 trades a year promised and none closed: p = 2e^−t &lt; 0.001 first at bar 8. */
  @Test
  void aStrategyThatStopsTradingIsReported() {
    ExpectedPerformance expected =
        new ExpectedPerformance(0.3, 0.15, 2, 0.5, 0.0012, 0.0095, 252, 1, 252, 0.9);
    DriftMonitor monitor = new DriftMonitor(expected);
    for (int bar = 1; bar < 8; bar++) {
      assertThat(monitor.update(0.0012, false)).isEmpty();
    }
    DriftDetection detection = monitor.update(0.0012, false).orElseThrow();
    assertThat(detection.detector()).isEqualTo("trade frequency");
    assertThat(detection.reason())
        .isEqualTo(
            "drift: 0 trades in 0.03 years, 8.0 expected (two-sided Poisson p 0.00067 < 0.001)"
                + " after 8 bars");
  }

  @Test
  void pageHinkleyCanReplaceTheCusum() {
    DriftMonitor monitor =
        new DriftMonitor(
            quiet(1),
            DriftMonitor.Settings.DEFAULT.withChangeDetection(
                DriftMonitor.ChangeDetection.PAGE_HINKLEY));
    assertThat(monitor.changeDetector().orElseThrow()).isInstanceOf(PageHinkleyDetector.class);
    assertThat(monitor.changeDetector().orElseThrow().threshold()).isBetween(50.1, 50.2);
  }

  @Test
  void rejectsAPromiseWithoutPointsPerYearAndBadReturns() {
    ExpectedPerformance none = new ExpectedPerformance(0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
    assertThatThrownBy(() -> new DriftMonitor(none)).isInstanceOf(IllegalArgumentException.class);
    DriftMonitor monitor = new DriftMonitor(quiet(1));
    assertThatThrownBy(() -> monitor.update(Double.NaN, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> monitor.update(-1.5, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

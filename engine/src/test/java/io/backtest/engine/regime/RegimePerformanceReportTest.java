package io.backtest.engine.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.backtest.contracts.events.RegimePerformance;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.engine.regime.RegimePerformanceReport.BarRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegimePerformanceReportTest {

  @Test
  void pointsOfAWholeDatasetBacktestEndOnTheBarAfterTheirReturnIndex() {
    // 6 bars, 5 returns: return j covers bar j + 1
    assertThat(RegimePerformanceReport.lastBars(List.of(new BarRange(0, 6)), 5, 1))
        .containsExactly(1, 2, 3, 4, 5);
    // two returns a point: points cover returns {0,1}, {2,3}, {4}: bars 2, 4, 5
    assertThat(RegimePerformanceReport.lastBars(List.of(new BarRange(0, 6)), 3, 2))
        .containsExactly(2, 4, 5);
  }

  @Test
  void stitchedWalkForwardWindowsMapBackToTheirDatasetBars() {
    // out-of-sample windows [10, 13) and [20, 24): stitched bars 10 11 12 20 21 22 23, 6 returns
    List<BarRange> windows = List.of(new BarRange(10, 13), new BarRange(20, 24));
    assertThat(RegimePerformanceReport.lastBars(windows, 6, 1))
        .containsExactly(11, 12, 20, 21, 22, 23);
    // 4 returns a point: returns {0..3} end on stitched bar 4 = 21, {4, 5} on stitched 6 = 23
    assertThat(RegimePerformanceReport.lastBars(windows, 2, 4)).containsExactly(21, 23);
  }

  @Test
  void aSeriesThatDoesNotFitTheWindowsIsRefused() {
    assertThatThrownBy(() -> RegimePerformanceReport.lastBars(List.of(new BarRange(0, 6)), 4, 1))
        .hasMessage(
            "out-of-sample windows of 6 bars make 5 points of 1 returns, but the series has 4");
  }

  @Test
  void pointsAreGroupedByTheRegimeOfTheirLastBar() {
    // bars 0..2 before the warm-up; volatility LOW [3, 6), HIGH [6, 10); trend RANGING [4, 10)
    List<RegimeRun> runs =
        List.of(
            new RegimeRun("volatility", "LOW", 3, 6),
            new RegimeRun("volatility", "HIGH", 6, 10),
            new RegimeRun("trend", "RANGING", 4, 10));
    double[] points = {0.01, 0.02, -0.01, 0.03, -0.02, -0.04, 0.01, 0.00, 0.02};
    int[] bars = RegimePerformanceReport.lastBars(List.of(new BarRange(0, 10)), 9, 1);
    // bars 1..9: points 0, 1 (bars 1, 2) unlabelled; LOW: points 2..4 (bars 3..5); HIGH: 5..8
    List<RegimePerformance> report = RegimePerformanceReport.of(points, bars, 252, runs);

    assertThat(report)
        .extracting(RegimePerformance::detector, RegimePerformance::regime)
        .containsExactly(
            tuple("volatility", "LOW"), tuple("volatility", "HIGH"), tuple("trend", "RANGING"));

    RegimePerformance low = report.get(0);
    // LOW: -0.01, 0.03, -0.02: mean 0; total 0.99 × 1.03 × 0.98 − 1 = 1.0197 × 0.98 − 1 = −0.000694
    assertThat(low.points()).isEqualTo(3);
    assertThat(low.meanReturn()).isCloseTo(0, within(1e-15));
    assertThat(low.sharpe()).isCloseTo(0, within(1e-12));
    assertThat(low.totalReturn()).isCloseTo(-0.000694, within(1e-12));
    assertThat(low.share()).isEqualTo(3 / 9.0);

    RegimePerformance high = report.get(1);
    // HIGH: -0.04, 0.01, 0.00, 0.02: mean -0.0025, sample variance
    // (0.0375² + 0.0125² + 0.0025² + 0.0225²) / 3 = 0.002075 / 3
    assertThat(high.points()).isEqualTo(4);
    assertThat(high.meanReturn()).isCloseTo(-0.0025, within(1e-15));
    assertThat(high.sharpe())
        .isCloseTo(-0.0025 / Math.sqrt(0.002075 / 3) * Math.sqrt(252), within(1e-12));
    assertThat(high.totalReturn()).isCloseTo(0.96 * 1.01 * 1.00 * 1.02 - 1, within(1e-12));
    assertThat(high.share()).isEqualTo(4 / 9.0);

    RegimePerformance ranging = report.get(2);
    // bars 4..9: points 3..8
    assertThat(ranging.points()).isEqualTo(6);
    assertThat(ranging.meanReturn())
        .isCloseTo((0.03 - 0.02 - 0.04 + 0.01 + 0.02) / 6, within(1e-15));
    assertThat(ranging.share()).isEqualTo(6 / 9.0);
  }

  @Test
  void aSinglePointRegimeHasNoSharpeAndEmptyRegimesAreLeftOut() {
    List<RegimeRun> runs =
        List.of(
            new RegimeRun("volatility", "NORMAL", 0, 2),
            new RegimeRun("volatility", "LOW", 2, 3),
            new RegimeRun("volatility", "HIGH", 3, 100));
    double[] points = {0.05, -0.01};
    // points end on bars 1 (NORMAL) and 2 (LOW); HIGH has none
    List<RegimePerformance> report =
        RegimePerformanceReport.of(points, new int[] {1, 2}, 252, runs);
    assertThat(report)
        .extracting(
            RegimePerformance::regime,
            RegimePerformance::points,
            RegimePerformance::sharpe,
            RegimePerformance::share)
        .containsExactly(tuple("LOW", 1, 0.0, 0.5), tuple("NORMAL", 1, 0.0, 0.5));
    assertThat(report.get(0).totalReturn()).isCloseTo(-0.01, within(1e-15));
    assertThat(report.get(1).totalReturn()).isCloseTo(0.05, within(1e-15));
    assertThat(RegimePerformanceReport.of(points, new int[] {1, 2}, 252, List.of())).isEmpty();
  }
}
